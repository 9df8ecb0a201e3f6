import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'

/** A week of figures whose days add up to the headline numbers (12 escalations, 9 claimed). */
export function makeEscalationMetrics(overrides: Partial<EscalationMetrics> = {}): EscalationMetrics {
  return {
    from: '2026-03-10T00:00:00.000Z',
    to: '2026-03-16T15:00:00.000Z',
    escalations: 12,
    claimed: 9,
    by_day: [
      { date: '2026-03-10', escalations: 1, claimed: 1 },
      { date: '2026-03-11', escalations: 3, claimed: 2 },
      { date: '2026-03-12', escalations: 0, claimed: 0 },
      { date: '2026-03-13', escalations: 5, claimed: 4 },
      { date: '2026-03-14', escalations: 2, claimed: 1 },
      { date: '2026-03-15', escalations: 0, claimed: 0 },
      { date: '2026-03-16', escalations: 1, claimed: 1 },
    ],
    time_to_claim_seconds: { median: 45, p90: 3900 },
    time_to_assessment_seconds: { median: 180, p90: null },
    claim_options: { continue: 5, ai_analysis: 3, own: 1 },
    assessment_failures: 2,
    escalated_sessions: 12,
    resolved: 8,
    resolution_rate: 0.667,
    time_to_resolve_seconds: { median: 5400, p90: 86_400 },
    cancelled: 1,
    declines: { total: 3, by_reason: { not_my_area: 2, busy: 1, other: 0 } },
    assessment_feedback: { rated: 6, useful: 4, usefulness_rate: 0.667, problems: { wrong_cause: 1, missing_facts: 2, already_tried: 0 } },
    root_causes: [
      { root_cause: 'configuration', count: 5 },
      { root_cause: 'network', count: 2 },
      { root_cause: null, count: 1 },
    ],
    ...overrides,
  }
}

export const emptyWeek = (): EscalationMetrics =>
  makeEscalationMetrics({
    escalations: 0,
    claimed: 0,
    by_day: makeEscalationMetrics().by_day.map((day) => ({ ...day, escalations: 0, claimed: 0 })),
    time_to_claim_seconds: { median: null, p90: null },
    time_to_assessment_seconds: { median: null, p90: null },
    claim_options: { continue: 0, ai_analysis: 0, own: 0 },
    assessment_failures: 0,
  })
