import { useMe } from '../../features/auth/api/get-me.ts'
import { EscalationMetrics } from '../../features/metrics/components/escalation-metrics.tsx'
import { MetricsForbidden } from '../../features/metrics/components/metrics-forbidden.tsx'
import { RangePicker } from '../../features/metrics/components/range-picker.tsx'
import { useMetricsRange } from '../../features/metrics/hooks/use-metrics-range.ts'

/** Team metrics: admins only (the header shows the link only to them; the API answers 403 to anyone else). */
export function MetricsRoute() {
  const { data: user } = useMe()
  const [days, setDays] = useMetricsRange()
  const isAdmin = user?.role === 'admin'

  return (
    <div className="page metrics-page">
      <title>Team metrics · ResolutionFlow</title>
      <div className="metrics-page__header">
        <h1 className="page__title">Team metrics</h1>
        {isAdmin && <RangePicker value={days} onChange={setDays} />}
      </div>
      {isAdmin ? <EscalationMetrics days={days} /> : <MetricsForbidden />}
    </div>
  )
}
