import { useLayoutEffect, type RefObject } from 'react'

/** On <html>: how much of the bottom of the screen a pinned control (the chat's composer) takes, e.g. `132px`. */
export const BOTTOM_INSET_VAR = '--bottom-inset'

/**
 * While mounted, publishes the element's height as `--bottom-inset` on <html>, for overlays
 * fixed to the bottom of the screen (the phone's toasts) to sit above it. Only for an element
 * pinned to the bottom; it follows the element as it grows (a longer message) or is hidden
 * (the task-lane tab: 0).
 */
export function useBottomInset(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const root = document.documentElement
    const publish = () => root.style.setProperty(BOTTOM_INSET_VAR, `${element.offsetHeight}px`)
    publish()
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(publish)
    observer?.observe(element)
    return () => {
      observer?.disconnect()
      root.style.removeProperty(BOTTOM_INSET_VAR)
    }
  }, [ref])
}
