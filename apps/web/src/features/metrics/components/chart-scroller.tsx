import { useEffect, useRef, useState, type ReactNode } from 'react'

type ChartScrollerProps = { labelledBy: string; children: ReactNode }

/**
 * Holds a chart that scrolls sideways on narrow screens (below its readable width). While
 * it does, it is a tab stop, so the keyboard can scroll it too; when the chart fits, it is
 * not, so wide screens get no extra stop.
 */
export function ChartScroller({ labelledBy, children }: ChartScrollerProps) {
  const ref = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState(false)

  useEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1)
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  return (
    <div ref={ref} className="metrics-chart" role="group" aria-labelledby={labelledBy} tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  )
}
