import { isApiError } from '../../../lib/api-client.ts'
import { useEscalationMetrics } from '../api/get-escalation-metrics.ts'
import { formatDay } from '../utils/format-figures.ts'
import type { MetricsRangeDays } from '../utils/metrics-range.ts'
import { ClaimOptionsChart } from './claim-options-chart.tsx'
import { EscalationsByDayChart } from './escalations-by-day-chart.tsx'
import { EscalationLoopCharts } from './escalation-loop-charts.tsx'
import { MetricsEmpty } from './metrics-empty.tsx'
import { MetricsError } from './metrics-error.tsx'
import { MetricsFigures } from './metrics-figures.tsx'
import { MetricsForbidden } from './metrics-forbidden.tsx'
import { MetricsSkeleton } from './metrics-skeleton.tsx'
import '../metrics.css'

/** The team's figures for the last `days` days, in whichever state the query is. */
export function EscalationMetrics({ days }: { days: MetricsRangeDays }) {
  const query = useEscalationMetrics(days)
  const { data } = query

  if (query.isPending) return <MetricsSkeleton />
  // A failed refresh keeps the figures already on screen; only a first load that failed replaces them.
  if (!data) {
    if (isApiError(query.error) && query.error.status === 403) return <MetricsForbidden />
    return (
      <MetricsError message={query.error?.message ?? ''} onRetry={() => void query.refetch()} retrying={query.isFetching} />
    )
  }

  const updating = query.isPlaceholderData
  const first = data.by_day.at(0)
  const last = data.by_day.at(-1)
  return (
    <div className={['metrics', updating && 'is-updating'].filter(Boolean).join(' ')} aria-busy={updating || undefined}>
      {first && last && (
        <p className="metrics-period">
          {formatDay(first.date)} – {formatDay(last.date)}
        </p>
      )}
      {data.escalations === 0 ? (
        <MetricsEmpty />
      ) : (
        <>
          <MetricsFigures metrics={data} />
          <div className="metrics-charts">
            <EscalationsByDayChart byDay={data.by_day} />
            <ClaimOptionsChart options={data.claim_options} />
            <EscalationLoopCharts metrics={data} />
          </div>
        </>
      )}
    </div>
  )
}
