import type { ReactNode } from 'react'
import { NO_DATA } from '../utils/format-duration.ts'

type MetricFigureProps = { label: ReactNode; value: string; hint?: string; tone?: 'danger' }

/** One headline number: a `<dt>`/`<dd>` pair inside the figures' `<dl>`. */
export function MetricFigure({ label, value, hint, tone }: MetricFigureProps) {
  return (
    <div className={['metric-figure', tone && `metric-figure--${tone}`].filter(Boolean).join(' ')}>
      <dt className="metric-figure__label">{label}</dt>
      <dd className="metric-figure__value">
        {value === NO_DATA ? (
          <>
            <span aria-hidden="true">{NO_DATA}</span>
            <span className="sr-only">no data</span>
          </>
        ) : (
          value
        )}
      </dd>
      {hint && <dd className="metric-figure__hint">{hint}</dd>}
    </div>
  )
}
