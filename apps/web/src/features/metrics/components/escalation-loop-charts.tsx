import { DECLINE_REASON_LABELS, DECLINE_REASONS, FEEDBACK_PROBLEM_LABELS, FEEDBACK_PROBLEMS, ROOT_CAUSE_LABELS } from '@resolutionflow/shared/escalation-rules.ts'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { CountBarsChart } from './count-bars-chart.tsx'

/** After the claim: why seniors declined, what the assessments got wrong, what the problems turned out to be. */
export function EscalationLoopCharts({ metrics }: { metrics: EscalationMetrics }) {
  return (
    <>
      <CountBarsChart
        title="Escalations per root cause"
        unit="resolved session"
        rows={metrics.root_causes.map((c) => ({ key: c.root_cause ?? 'none', label: c.root_cause ? ROOT_CAUSE_LABELS[c.root_cause] : 'Not given', count: c.count }))}
        empty="No escalated session was resolved in this period."
      />
      <CountBarsChart
        title="Why seniors declined"
        unit="decline"
        rows={DECLINE_REASONS.map((r) => ({ key: r, label: DECLINE_REASON_LABELS[r], count: metrics.declines.by_reason[r] }))}
        empty="No escalation was declined in this period."
      />
      <CountBarsChart
        title="What the assessment got wrong"
        unit={{ one: 'problem reported', other: 'problems reported' }}
        rows={FEEDBACK_PROBLEMS.map((p) => ({ key: p, label: FEEDBACK_PROBLEM_LABELS[p], count: metrics.assessment_feedback.problems[p] }))}
        empty="No senior reported a problem with an assessment in this period."
      />
    </>
  )
}
