import { useId } from 'react'
import { formatCount, percentOf, pluralize, type Noun } from '../utils/format-figures.ts'
import { ChartCard } from './chart-card.tsx'

export type CountBar = { key: string; label: string; count: number }

type CountBarsChartProps = {
  title: string
  /** What is counted ("decline", or both forms when the plural is not a plain s): the subtitle and the description say it. */
  unit: string | Noun
  rows: CountBar[]
  empty: string
  /** Above the chart; by default the total ("12 declines"). */
  subtitle?: string
  /** The screen-reader table's column heads for the label and the count. */
  columns?: readonly [label: string, count: string]
}

/**
 * Counts per category as horizontal bars against the whole (the track is 100%): claim options,
 * decline reasons, root causes, assessment problems. A table says the same to screen readers.
 *
 * The rows are a CSS grid, not a drawing: the label and the count keep their width and the
 * track takes what is left, so on a phone the bars shrink and "7 · 18%" stays in view.
 */
export function CountBarsChart({ title, unit, rows, empty, subtitle, columns = ['Category', 'Count'] }: CountBarsChartProps) {
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
    <ChartCard titleId={titleId} title={title} subtitle={subtitle ?? pluralize(total, unit)}>
      {/* One picture to assistive technology, named and described as the drawing was; the table below has the numbers. */}
      <div className="metrics-bars" role="img" aria-labelledby={titleId} aria-describedby={descId}>
        <p id={descId} hidden>
          {`Of ${pluralize(total, unit)}: ${shaped.map((r) => `${r.label} ${formatCount(r.count)} (${r.share}%)`).join(', ')}.`}
        </p>
        {shaped.map((r) => (
          <div key={r.key} className="metrics-bars__row">
            <span className="metrics-bars__label">{r.label}</span>
            <span className="metrics-bars__track">
              {r.count > 0 && <span className="metrics-bars__bar" style={{ width: `${(r.count / total) * 100}%` }} />}
            </span>
            <span className="metrics-bars__value">{`${formatCount(r.count)} · ${r.share}%`}</span>
          </div>
        ))}
      </div>
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
