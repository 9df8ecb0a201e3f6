import { z } from 'zod'

export const MetricsQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
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
