import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { Header, type HeaderProps } from './header.tsx'

type AppLayoutProps = Omit<HeaderProps, 'sidebarOpen' | 'onToggleSidebar'> & {
  sidebar: ReactNode
  children: ReactNode
}

/**
 * The signed-in frame: header, session sidebar, main area. Below laptop width
 * the sidebar becomes a drawer so the chat and the task lane keep their room.
 */
export function AppLayout({ sidebar, children, ...header }: AppLayoutProps) {
  const [sidebarOpen, setSidebarOpen] = useState(false)
  const sidebarRef = useRef<HTMLDivElement>(null)
  const location = useLocation()

  // Any navigation from the drawer should reveal its target: a session, or the pickup screen
  // of the session already open (only the query changes then).
  useEffect(() => setSidebarOpen(false), [location.key])

  useEffect(() => {
    if (!sidebarOpen) return
    // The drawer comes after the whole header in tab order: take keyboard users straight into it.
    sidebarRef.current?.querySelector<HTMLElement>('a, button')?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setSidebarOpen(false)
      document.querySelector<HTMLElement>('[aria-controls="app-sidebar"]')?.focus()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [sidebarOpen])

  return (
    <div className="app-shell">
      <a href="#main-content" className="skip-link">
        Skip to content
      </a>
      <Header {...header} sidebarOpen={sidebarOpen} onToggleSidebar={() => setSidebarOpen((open) => !open)} />
      <div className="app-body">
        <div id="app-sidebar" ref={sidebarRef} className={sidebarOpen ? 'app-sidebar is-open' : 'app-sidebar'}>
          {sidebar}
        </div>
        {sidebarOpen && <div className="app-sidebar-backdrop" aria-hidden="true" onClick={() => setSidebarOpen(false)} />}
        {/* The main column scrolls on its own, and a page may hold nothing focusable (a short
            audit log): in the tab order, a keyboard can always reach it and scroll it. */}
        <main id="main-content" className="app-main" tabIndex={0}>
          {children}
        </main>
      </div>
    </div>
  )
}
