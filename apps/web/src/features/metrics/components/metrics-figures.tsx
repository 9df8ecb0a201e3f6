import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { formatDuration, NO_DATA } from '../utils/format-duration.ts'
import { formatCount, percentOf } from '../utils/format-figures.ts'
import { MetricFigure } from './metric-figure.tsx'

const P90 = <abbr title="90th percentile">p90</abbr>

/** The headline figures of the period. */
export function MetricsFigures({ metrics }: { metrics: EscalationMetrics }) {
  const { escalations, claimed, time_to_claim_seconds: toClaim, time_to_assessment_seconds: toAssessment } = metrics
  return (
    <dl className="metrics-figures" aria-label="Headline figures">
      <MetricFigure label="Escalations" value={formatCount(escalations)} />
      <MetricFigure
        label="Claimed"
        value={formatCount(claimed)}
        hint={`${percentOf(claimed, escalations)}% of escalations`}
      />
      <MetricFigure label="Median time to claim" value={formatDuration(toClaim.median)} />
      <MetricFigure label={<>{P90} time to claim</>} value={formatDuration(toClaim.p90)} />
      <MetricFigure label="Median time to assessment" value={formatDuration(toAssessment.median)} />
      <MetricFigure label={<>{P90} time to assessment</>} value={formatDuration(toAssessment.p90)} />
      <MetricFigure
        label="Resolved"
        value={formatCount(metrics.resolved)}
        hint={metrics.resolution_rate === null ? undefined : `${Math.round(metrics.resolution_rate * 100)}% of escalated sessions`}
      />
      <MetricFigure label="Median time to resolve" value={formatDuration(metrics.time_to_resolve_seconds.median)} />
      <MetricFigure label={<>{P90} time to resolve</>} value={formatDuration(metrics.time_to_resolve_seconds.p90)} />
      <MetricFigure label="Cancelled" value={formatCount(metrics.cancelled)} hint="by the one who escalated" />
      <MetricFigure label="Declines" value={formatCount(metrics.declines.total)} />
      <MetricFigure
        label="Assessment useful"
        value={metrics.assessment_feedback.usefulness_rate === null ? NO_DATA : `${Math.round(metrics.assessment_feedback.usefulness_rate * 100)}%`}
        hint={metrics.assessment_feedback.rated ? `of ${formatCount(metrics.assessment_feedback.rated)} rated` : 'none rated yet'}
      />
      <MetricFigure
        label="Assessment failures"
        value={formatCount(metrics.assessment_failures)}
        tone={metrics.assessment_failures > 0 ? 'danger' : undefined}
      />
    </dl>
  )
}
