import { useId } from 'react'
import { formatCount, percentOf, pluralize } from '../utils/format-figures.ts'
import { ChartCard } from './chart-card.tsx'
import { ChartScroller } from './chart-scroller.tsx'

export type CountBar = { key: string; label: string; count: number }

type CountBarsChartProps = {
  title: string
  /** What is counted, singular ("decline"): the subtitle and the description say it. */
  unit: string
  rows: CountBar[]
  empty: string
  /** Above the chart; by default the total ("12 declines"). */
  subtitle?: string
  /** The screen-reader table's column heads for the label and the count. */
  columns?: readonly [label: string, count: string]
  /** Room for the longest label, in the chart's 720-wide units. */
  labelWidth?: number
}

const WIDTH = 720
const ROW_HEIGHT = 40
const BAR_HEIGHT = 20
const VALUE_WIDTH = 96

/**
 * Counts per category as horizontal bars against the whole (the track is 100%): claim options,
 * decline reasons, root causes, assessment problems. A table says the same to screen readers.
 */
export function CountBarsChart({ title, unit, rows, empty, subtitle, columns = ['Category', 'Count'], labelWidth = 160 }: CountBarsChartProps) {
  const titleId = useId()
  const descId = useId()
  const total = rows.reduce((sum, r) => sum + r.count, 0)
  if (total === 0) {
    return (
      <ChartCard titleId={titleId} title={title}>
        <p className="metrics-card__empty">{empty}</p>
      </ChartCard>
    )
  }
  const barMax = WIDTH - labelWidth - VALUE_WIDTH
  const shaped = rows.map((r) => ({ ...r, share: percentOf(r.count, total) }))
  return (
    <ChartCard titleId={titleId} title={title} subtitle={subtitle ?? pluralize(total, unit)}>
      <ChartScroller labelledBy={titleId}>
        <svg className="metrics-chart__svg" viewBox={`0 0 ${WIDTH} ${rows.length * ROW_HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <desc id={descId}>{`Of ${pluralize(total, unit)}: ${shaped.map((r) => `${r.label} ${formatCount(r.count)} (${r.share}%)`).join(', ')}.`}</desc>
          {shaped.map((r, i) => {
            const middle = i * ROW_HEIGHT + ROW_HEIGHT / 2
            const barY = middle - BAR_HEIGHT / 2
            return (
              <g key={r.key}>
                <title>{`${r.label}: ${formatCount(r.count)} (${r.share}%)`}</title>
                <text className="metrics-chart__category" x={labelWidth - 12} y={middle} dy="0.32em" textAnchor="end">
                  {r.label}
                </text>
                <rect className="metrics-track" x={labelWidth} y={barY} width={barMax} height={BAR_HEIGHT} rx={4} />
                {r.count > 0 && <rect className="metrics-bar metrics-bar--option" x={labelWidth} y={barY} width={(barMax * r.count) / total} height={BAR_HEIGHT} rx={4} />}
                <text className="metrics-chart__value" x={WIDTH - VALUE_WIDTH + 12} y={middle} dy="0.32em">
                  {`${formatCount(r.count)} · ${r.share}%`}
                </text>
              </g>
            )
          })}
        </svg>
      </ChartScroller>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{columns[0]}</th>
            <th scope="col">{columns[1]}</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {shaped.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{formatCount(r.count)}</td>
              <td>{r.share}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  )
}
