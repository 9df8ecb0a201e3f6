import { useId } from 'react'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { formatCount, formatDay, pluralize } from '../utils/format-figures.ts'
import { niceTicks } from '../utils/nice-ticks.ts'
import { ChartCard } from './chart-card.tsx'
import { ChartScroller } from './chart-scroller.tsx'

type Day = EscalationMetrics['by_day'][number]

const HEIGHT = 220
// The right margin leaves room for half of today's label, centred under the last bar.
const MARGIN = { top: 8, right: 24, bottom: 24, left: 32 }
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom
/** Drawn in CSS pixels at the frame's width; narrower than a small phone's card, the frame scrolls. */
const MIN_WIDTH = 280
const FALLBACK_WIDTH = 720
/** Room for one day label ("Nov 28" at 11 px is ~36 px) and the gap before the next. */
const DAY_LABEL_PITCH = 56
const MAX_DAY_LABELS = 8

function describe(byDay: Day[]) {
  const total = byDay.reduce((sum, day) => sum + day.escalations, 0)
  const claimed = byDay.reduce((sum, day) => sum + day.claimed, 0)
  if (total === 0) return `No escalations over ${pluralize(byDay.length, 'day')}.`
  const busiest = byDay.reduce((best, day) => (day.escalations > best.escalations ? day : best))
  return (
    `${pluralize(total, 'escalation')} over ${pluralize(byDay.length, 'day')}: ` +
    `${formatCount(claimed)} claimed, ${formatCount(total - claimed)} not claimed. ` +
    `Busiest day: ${formatDay(busiest.date)}, with ${formatCount(busiest.escalations)}.`
  )
}

function Legend() {
  return (
    <ul className="metrics-legend">
      <li>
        <span className="metrics-legend__swatch metrics-legend__swatch--claimed" aria-hidden="true" />
        Claimed
      </li>
      <li>
        <span className="metrics-legend__swatch metrics-legend__swatch--unclaimed" aria-hidden="true" />
        Not claimed
      </li>
    </ul>
  )
}

/** Escalations per day as stacked bars (claimed under not claimed), with the numbers in a table for screen readers. */
export function EscalationsByDayChart({ byDay }: { byDay: Day[] }) {
  const titleId = useId()
  return (
    <ChartCard titleId={titleId} title="Escalations per day" subtitle="Days in UTC" legend={<Legend />}>
      <ChartScroller labelledBy={titleId} minWidth={MIN_WIDTH} fallbackWidth={FALLBACK_WIDTH}>
        {(width) => <DayBars byDay={byDay} width={width} titleId={titleId} />}
      </ChartScroller>
      <DaysTable byDay={byDay} />
    </ChartCard>
  )
}

/**
 * The bars, drawn in CSS pixels at `width`: on a phone the bars get thinner and the day
 * labels fewer, while the text keeps its size (a scaled-down 720-wide drawing would not read).
 */
function DayBars({ byDay, width, titleId }: { byDay: Day[]; width: number; titleId: string }) {
  const descId = useId()
  const ticks = niceTicks(Math.max(0, ...byDay.map((day) => day.escalations)))
  const top = ticks.at(-1)!
  const plotWidth = width - MARGIN.left - MARGIN.right
  const band = plotWidth / Math.max(1, byDay.length)
  // Capped so a week does not draw slabs.
  const barWidth = Math.min(48, Math.max(1, band * 0.7))
  const maxLabels = Math.max(2, Math.min(MAX_DAY_LABELS, Math.floor(plotWidth / DAY_LABEL_PITCH)))
  const labelEvery = Math.ceil(byDay.length / maxLabels)
  const y = (value: number) => MARGIN.top + PLOT_HEIGHT * (1 - value / top)
  const barHeight = (value: number) => (PLOT_HEIGHT * value) / top

  return (
    <svg
      className="metrics-chart__svg"
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
    >
      <desc id={descId}>{describe(byDay)}</desc>
      {ticks.map((tick) => (
        <g key={tick} className="metrics-axis">
          <line
            className="metrics-axis__grid"
            x1={MARGIN.left}
            x2={width - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text className="metrics-axis__label" x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {byDay.map((day, i) => {
        const x = MARGIN.left + i * band
        const barX = x + (band - barWidth) / 2
        const unclaimed = day.escalations - day.claimed
        const tooltip = `${formatDay(day.date)}: ${pluralize(day.escalations, 'escalation')}, ${formatCount(day.claimed)} claimed`
        return (
          <g key={day.date} className="metrics-day">
            {/* The browser's own tooltip, on hover anywhere in the day's column. */}
            <title>{tooltip}</title>
            <rect className="metrics-day__hit" x={x} y={MARGIN.top} width={band} height={PLOT_HEIGHT} />
            {day.claimed > 0 && (
              <rect
                className="metrics-bar metrics-bar--claimed"
                x={barX}
                y={y(day.claimed)}
                width={barWidth}
                height={barHeight(day.claimed)}
              />
            )}
            {unclaimed > 0 && (
              <rect
                className="metrics-bar metrics-bar--unclaimed"
                x={barX}
                y={y(day.escalations)}
                width={barWidth}
                height={barHeight(unclaimed)}
              />
            )}
            {/* Counted from the end, so today always has its label. */}
            {(byDay.length - 1 - i) % labelEvery === 0 && (
              <text className="metrics-axis__label" x={x + band / 2} y={HEIGHT - 6} textAnchor="middle">
                {formatDay(day.date)}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}

/** The same numbers for screen readers. */
function DaysTable({ byDay }: { byDay: Day[] }) {
  return (
    <table className="sr-only">
      <caption>Escalations per day</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Escalations</th>
          <th scope="col">Claimed</th>
          <th scope="col">Not claimed</th>
        </tr>
      </thead>
      <tbody>
        {byDay.map((day) => (
          <tr key={day.date}>
            <th scope="row">
              <time dateTime={day.date}>{formatDay(day.date)}</time>
            </th>
            <td>{formatCount(day.escalations)}</td>
            <td>{formatCount(day.claimed)}</td>
            <td>{formatCount(day.escalations - day.claimed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
