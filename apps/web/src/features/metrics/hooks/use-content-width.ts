import { useLayoutEffect, useState, type RefObject } from 'react'

/**
 * The element's inner width in CSS pixels, kept current as it resizes; 0 until measured
 * (and always in jsdom, which does no layout). Measured before the first paint, so a chart
 * drawn to it never flashes at another size.
 */
export function useContentWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0)

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => setWidth(element.clientWidth)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])

  return width
}
