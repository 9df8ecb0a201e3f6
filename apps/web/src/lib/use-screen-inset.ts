import { useLayoutEffect, type RefObject } from 'react'

/**
 * While mounted, publishes `measure(element)` in px as the CSS variable `cssVar` on <html>, for
 * overlays fixed to the screen's edge (toasts) to keep clear of the element. It follows the
 * element as it grows, shrinks or is hidden, and as the window resizes; unmounted, the variable
 * goes and the overlays fall back to their default.
 */
export function useScreenInset(ref: RefObject<HTMLElement | null>, cssVar: string, measure: (element: HTMLElement) => number): void {
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const root = document.documentElement
    const publish = () => root.style.setProperty(cssVar, `${Math.ceil(measure(element))}px`)
    publish()
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(publish)
    observer?.observe(element)
    return () => {
      observer?.disconnect()
      root.style.removeProperty(cssVar)
    }
    // `measure` is a module-level function in both callers: stable.
  }, [ref, cssVar, measure])
}
