import { useEffect, useRef, type RefObject } from 'react'
import { focusMainContent } from '../../../lib/dom-ids.ts'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

const focusableIn = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE))

/**
 * While mounted: Tab and Shift+Tab cycle inside `containerRef`, Esc calls `onEscape`.
 * On unmount focus goes back to whatever had it before the dialog opened, but only if
 * it is still inside the dialog (or nowhere): when a choice has moved it on purpose
 * (to the chat composer, say), the closing dialog must not steal it back. When there is
 * no opener to go back to (the screen opened with the page, or its opener, a notification
 * in the bell's dropdown, is gone), focus goes to the page's `<main>` rather than to nowhere.
 */
export function useFocusTrap(
  containerRef: RefObject<HTMLElement | null>,
  { onEscape, initialFocusRef }: { onEscape?: () => void; initialFocusRef?: RefObject<HTMLElement | null> } = {},
) {
  const onEscapeRef = useRef(onEscape)
  useEffect(() => {
    onEscapeRef.current = onEscape
  })

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    ;(initialFocusRef?.current ?? container).focus()

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        if (!onEscapeRef.current) return
        event.preventDefault()
        onEscapeRef.current()
        return
      }
      if (event.key !== 'Tab') return
      const focusable = focusableIn(container)
      const first = focusable[0]
      const last = focusable[focusable.length - 1]
      const active = document.activeElement
      if (!first || !last) {
        event.preventDefault()
        container.focus()
      } else if (event.shiftKey && (active === first || active === container || !container.contains(active))) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && (active === last || !container.contains(active))) {
        event.preventDefault()
        first.focus()
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      const active = document.activeElement
      const focusStillOurs = !active || active === document.body || container.contains(active)
      if (!focusStillOurs) return
      if (opener?.isConnected && opener !== document.body) opener.focus()
      else focusMainContent()
    }
    // Set up once per mount: the opener is whatever had focus when the dialog appeared.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
}
