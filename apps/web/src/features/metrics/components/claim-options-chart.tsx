import { useId } from 'react'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { formatCount, percentOf, pluralize } from '../utils/format-figures.ts'
import { ChartCard } from './chart-card.tsx'
import { ChartScroller } from './chart-scroller.tsx'

type ClaimOptions = EscalationMetrics['claim_options']

/** In the order the handoff screen offers them. */
const OPTIONS: ReadonlyArray<[keyof ClaimOptions, string]> = [
  ['continue', 'Continue'],
  ['ai_analysis', 'AI analysis'],
  ['own', 'Own'],
]

const WIDTH = 720
const ROW_HEIGHT = 40
const BAR_HEIGHT = 20
const LABEL_WIDTH = 112
const VALUE_WIDTH = 96
const BAR_MAX = WIDTH - LABEL_WIDTH - VALUE_WIDTH

/** How many claims took each option, as horizontal bars against the whole (the track is 100%). */
export function ClaimOptionsChart({ options }: { options: ClaimOptions }) {
  const titleId = useId()
  const descId = useId()
  const total = OPTIONS.reduce((sum, [key]) => sum + options[key], 0)
  const rows = OPTIONS.map(([key, label]) => ({
    key,
    label,
    count: options[key],
    share: percentOf(options[key], total),
  }))
  const title = 'Which option seniors chose'

  if (total === 0) {
    return (
      <ChartCard titleId={titleId} title={title}>
        <p className="metrics-card__empty">No escalation was claimed in this period.</p>
      </ChartCard>
    )
  }

  return (
    <ChartCard titleId={titleId} title={title} subtitle={`When claiming · ${pluralize(total, 'claim')}`}>
      <ChartScroller labelledBy={titleId}>
        <svg
          className="metrics-chart__svg"
          viewBox={`0 0 ${WIDTH} ${OPTIONS.length * ROW_HEIGHT}`}
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
        >
          <desc id={descId}>
            {`Of ${pluralize(total, 'claim')}: ${rows.map((row) => `${row.label} ${formatCount(row.count)} (${row.share}%)`).join(', ')}.`}
          </desc>
          {rows.map((row, i) => {
            const middle = i * ROW_HEIGHT + ROW_HEIGHT / 2
            const width = (BAR_MAX * row.count) / total
            const barY = middle - BAR_HEIGHT / 2
            return (
              <g key={row.key}>
                <title>{`${row.label}: ${formatCount(row.count)} (${row.share}%)`}</title>
                <text className="metrics-chart__category" x={LABEL_WIDTH - 12} y={middle} dy="0.32em" textAnchor="end">
                  {row.label}
                </text>
                <rect className="metrics-track" x={LABEL_WIDTH} y={barY} width={BAR_MAX} height={BAR_HEIGHT} rx={4} />
                {row.count > 0 && (
                  <rect
                    className="metrics-bar metrics-bar--option"
                    x={LABEL_WIDTH}
                    y={barY}
                    width={width}
                    height={BAR_HEIGHT}
                    rx={4}
                  />
                )}
                <text className="metrics-chart__value" x={WIDTH - VALUE_WIDTH + 12} y={middle} dy="0.32em">
                  {`${formatCount(row.count)} · ${row.share}%`}
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
            <th scope="col">Option</th>
            <th scope="col">Claims</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{formatCount(row.count)}</td>
              <td>{row.share}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartCard>
  )
}
