import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { pluralize } from '../utils/format-figures.ts'
import { CountBarsChart } from './count-bars-chart.tsx'

type ClaimOptions = EscalationMetrics['claim_options']

/** In the order the handoff screen offers them. */
const OPTIONS: ReadonlyArray<[keyof ClaimOptions, string]> = [
  ['continue', 'Continue'],
  ['ai_analysis', 'AI analysis'],
  ['own', 'Own'],
]

/** How many claims took each option. */
export function ClaimOptionsChart({ options }: { options: ClaimOptions }) {
  const rows = OPTIONS.map(([key, label]) => ({ key, label, count: options[key] }))
  const total = rows.reduce((sum, r) => sum + r.count, 0)
  return (
    <CountBarsChart
      title="Which option seniors chose"
      unit="claim"
      rows={rows}
      empty="No escalation was claimed in this period."
      subtitle={`When claiming · ${pluralize(total, 'claim')}`}
      columns={['Option', 'Claims']}
    />
  )
}
