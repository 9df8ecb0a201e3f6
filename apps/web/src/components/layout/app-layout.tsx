import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { focusMainContent } from '../../lib/dom-ids.ts'
import { useMediaQuery } from '../../lib/use-media-query.ts'
import { Header, type HeaderProps } from './header.tsx'

/** Where the sidebar is a drawer over the page (`@media (max-width: 1100px)` in styles.css). */
const DRAWER_LAYOUT_QUERY = '(max-width: 1100px)'

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
  // Open and over the page: what it covers is inert (no Tab, no click, hidden from screen
  // readers) until it closes. The header stays live: ☰ closes the drawer again.
  const drawerOpen = useMediaQuery(DRAWER_LAYOUT_QUERY) && sidebarOpen

  // Any navigation from the drawer should reveal its target: a session, or the pickup screen
  // of the session already open (only the query changes then).
  const followedFromDrawer = useRef(false)
  useEffect(() => {
    // Read before the close: this render's `drawerOpen` is the drawer the link was followed from.
    followedFromDrawer.current = drawerOpen && Boolean(sidebarRef.current?.contains(document.activeElement))
    setSidebarOpen(false)
  }, [location.key])

  useEffect(() => {
    if (drawerOpen || !followedFromDrawer.current) return
    followedFromDrawer.current = false
    // The followed link keeps focus as the drawer slides away, hidden; the page it opened gets it,
    // unless the page took it already (a dialog). Only now: until this render <main> was inert.
    if (sidebarRef.current?.contains(document.activeElement)) focusMainContent()
  }, [drawerOpen])

  /** Closes the drawer; focus inside it (about to be hidden) goes back to ☰, not to the page body. */
  const closeDrawer = () => {
    setSidebarOpen(false)
    const active = document.activeElement
    if (!active || active === document.body || sidebarRef.current?.contains(active)) {
      document.querySelector<HTMLElement>('[aria-controls="app-sidebar"]')?.focus()
    }
  }

  useEffect(() => {
    if (!drawerOpen) return
    // The drawer comes after the whole header in tab order: take keyboard users straight into it.
    // (It is visible at once, see `.app-sidebar.is-open`: a hidden element would refuse focus.)
    sidebarRef.current?.querySelector<HTMLElement>('a[href], button:not([disabled])')?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeDrawer()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [drawerOpen])

  return (
    <div className="app-shell">
      <a href="#main-content" className="skip-link">
        Skip to content
      </a>
      <Header {...header} sidebarOpen={sidebarOpen} onToggleSidebar={() => (sidebarOpen ? closeDrawer() : setSidebarOpen(true))} />
      <div className="app-body">
        <div id="app-sidebar" ref={sidebarRef} className={sidebarOpen ? 'app-sidebar is-open' : 'app-sidebar'}>
          {sidebar}
        </div>
        {sidebarOpen && <div className="app-sidebar-backdrop" aria-hidden="true" onClick={closeDrawer} />}
        {/* The main column scrolls on its own, and a page may hold nothing focusable (a short
            audit log): in the tab order, a keyboard can always reach it and scroll it. */}
        <main id="main-content" className="app-main" tabIndex={0} inert={drawerOpen}>
          {children}
        </main>
      </div>
    </div>
  )
}
