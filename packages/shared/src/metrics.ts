import { z } from 'zod'
import { DECLINE_REASONS, FEEDBACK_PROBLEMS, ROOT_CAUSES } from './escalation-rules.ts'

// Year 0000 parses in JavaScript but does not exist in Postgres: keep dates where both agree.
const MetricsDate = z.iso
  .datetime({ offset: true })
  .refine((v) => {
    const year = new Date(v).getUTCFullYear()
    return year >= 1970 && year <= 9999
  }, 'must be a date between the years 1970 and 9999')

export const MetricsQuerySchema = z.object({
  from: MetricsDate.optional(),
  to: MetricsDate.optional(),
})

const Seconds = z.number().nonnegative().nullable()

export const EscalationMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  escalations: z.number().int(),
  claimed: z.number().int(),
  by_day: z.array(z.object({ date: z.string(), escalations: z.number().int(), claimed: z.number().int() })),
  /**
   * Percentiles (here and below) are read from histograms whose buckets are 2% wide: within 2% of
   * the exact value, and exact while no more than two values share a bucket.
   */
  time_to_claim_seconds: z.object({ median: Seconds, p90: Seconds }),
  time_to_assessment_seconds: z.object({ median: Seconds, p90: Seconds }),
  claim_options: z.object({ continue: z.number().int(), ai_analysis: z.number().int(), own: z.number().int() }),
  assessment_failures: z.number().int(),
  /** Sessions escalated in the period, and how many of them are resolved now. */
  escalated_sessions: z.number().int(),
  resolved: z.number().int(),
  /** resolved / escalated_sessions, 0..1; null without escalations. */
  resolution_rate: z.number().min(0).max(1).nullable(),
  /** From the session's first escalation in the period to its resolution. */
  time_to_resolve_seconds: z.object({ median: Seconds, p90: Seconds }),
  cancelled: z.number().int(),
  declines: z.object({
    total: z.number().int(),
    by_reason: z.object(Object.fromEntries(DECLINE_REASONS.map((r) => [r, z.number().int()])) as Record<(typeof DECLINE_REASONS)[number], z.ZodNumber>),
  }),
  assessment_feedback: z.object({
    rated: z.number().int(),
    useful: z.number().int(),
    /** useful / rated, 0..1; null before any rating. */
    usefulness_rate: z.number().min(0).max(1).nullable(),
    problems: z.object(Object.fromEntries(FEEDBACK_PROBLEMS.map((p) => [p, z.number().int()])) as Record<(typeof FEEDBACK_PROBLEMS)[number], z.ZodNumber>),
  }),
  /** Resolved escalated sessions per root-cause category (null: not given), largest first. */
  root_causes: z.array(z.object({ root_cause: z.enum(ROOT_CAUSES).nullable(), count: z.number().int() })),
})
export type EscalationMetrics = z.infer<typeof EscalationMetricsSchema>
