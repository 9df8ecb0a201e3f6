import { useLayoutEffect, type RefObject } from 'react'

/** On <html>: how far down the screen the controls at its top reach (the header, the chat's toolbar and banner), e.g. `137px`. */
export const TOP_INSET_VAR = '--top-inset'

/**
 * While mounted, publishes the element's bottom edge as `--top-inset` on <html>, for overlays
 * fixed to the top of the screen (the wide screen's toasts) to sit below it. Only for an element
 * that stays put under the header (the chat's banner strip, under its toolbar): it follows the
 * element as it grows (a banner appears, a long note wraps) and as the window resizes.
 */
export function useTopInset(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const root = document.documentElement
    const publish = () => root.style.setProperty(TOP_INSET_VAR, `${Math.ceil(element.getBoundingClientRect().bottom)}px`)
    publish()
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(publish)
    observer?.observe(element)
    return () => {
      observer?.disconnect()
      root.style.removeProperty(TOP_INSET_VAR)
    }
  }, [ref])
}
