import { useLayoutEffect, useRef, type ReactNode } from 'react'
import { useContentWidth } from '../hooks/use-content-width.ts'

type ChartScrollerProps = {
  labelledBy: string
  /** Below this many pixels the chart stops shrinking (its bars and labels would not read) and scrolls instead. */
  minWidth: number
  /** Before the frame is measured (and in jsdom, which does no layout): the width to draw at. */
  fallbackWidth: number
  /** Draws the chart at the width it is given, in CSS pixels, so its text keeps its size. */
  children: (width: number) => ReactNode
}

/**
 * Holds a chart drawn to the width there is: the frame is measured and the chart drawn to
 * fit it, down to `minWidth`. Narrower than that (a small phone), it scrolls sideways and
 * starts at its right end, where the latest day is; edge shadows say there is more. While
 * it scrolls it is a tab stop, so the keyboard can scroll it too; when the chart fits, it
 * is not, so wide screens get no extra stop.
 */
export function ChartScroller({ labelledBy, minWidth, fallbackWidth, children }: ChartScrollerProps) {
  const ref = useRef<HTMLDivElement>(null)
  const available = useContentWidth(ref)
  const width = available > 0 ? Math.max(minWidth, available) : fallbackWidth
  const scrolls = available > 0 && width > available

  useLayoutEffect(() => {
    // The newest figures are on the right: show them first, the older ones are a swipe away.
    if (scrolls && ref.current) ref.current.scrollLeft = ref.current.scrollWidth
  }, [scrolls])

  return (
    <div
      ref={ref}
      className={scrolls ? 'metrics-chart is-scrolling' : 'metrics-chart'}
      role="group"
      aria-labelledby={labelledBy}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children(width)}
    </div>
  )
}
