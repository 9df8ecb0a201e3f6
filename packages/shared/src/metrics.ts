import { z } from 'zod'

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
  time_to_claim_seconds: z.object({ median: Seconds, p90: Seconds }),
  time_to_assessment_seconds: z.object({ median: Seconds, p90: Seconds }),
  claim_options: z.object({ continue: z.number().int(), ai_analysis: z.number().int(), own: z.number().int() }),
  assessment_failures: z.number().int(),
})
export type EscalationMetrics = z.infer<typeof EscalationMetricsSchema>
