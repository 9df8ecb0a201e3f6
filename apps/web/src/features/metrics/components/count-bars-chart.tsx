import { useId } from 'react'
import { formatCount, percentOf, pluralize } from '../utils/format-figures.ts'
import { ChartCard } from './chart-card.tsx'
import { ChartScroller } from './chart-scroller.tsx'

export type CountBar = { key: string; label: string; count: number }

type CountBarsChartProps = {
  title: string
  /** What is counted, singular ("decline"): the subtitle and the screen-reader table say it. */
  unit: string
  rows: CountBar[]
  empty: string
}

const WIDTH = 720
const ROW_HEIGHT = 40
const BAR_HEIGHT = 20
const LABEL_WIDTH = 160
const VALUE_WIDTH = 96
const BAR_MAX = WIDTH - LABEL_WIDTH - VALUE_WIDTH

/** Counts per category as horizontal bars against the whole: decline reasons, root causes, assessment problems. */
export function CountBarsChart({ title, unit, rows, empty }: CountBarsChartProps) {
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
  const shaped = rows.map((r) => ({ ...r, share: percentOf(r.count, total) }))
  return (
    <ChartCard titleId={titleId} title={title} subtitle={pluralize(total, unit)}>
      <ChartScroller labelledBy={titleId}>
        <svg className="metrics-chart__svg" viewBox={`0 0 ${WIDTH} ${rows.length * ROW_HEIGHT}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <desc id={descId}>{shaped.map((r) => `${r.label} ${formatCount(r.count)} (${r.share}%)`).join(', ')}.</desc>
          {shaped.map((r, i) => {
            const middle = i * ROW_HEIGHT + ROW_HEIGHT / 2
            const barY = middle - BAR_HEIGHT / 2
            return (
              <g key={r.key}>
                <title>{`${r.label}: ${formatCount(r.count)} (${r.share}%)`}</title>
                <text className="metrics-chart__category" x={LABEL_WIDTH - 12} y={middle} dy="0.32em" textAnchor="end">
                  {r.label}
                </text>
                <rect className="metrics-track" x={LABEL_WIDTH} y={barY} width={BAR_MAX} height={BAR_HEIGHT} rx={4} />
                {r.count > 0 && <rect className="metrics-bar metrics-bar--option" x={LABEL_WIDTH} y={barY} width={(BAR_MAX * r.count) / total} height={BAR_HEIGHT} rx={4} />}
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
            <th scope="col">Category</th>
            <th scope="col">Count</th>
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
