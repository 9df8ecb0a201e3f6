import { z } from 'zod'
import { IdSchema, textSchema } from './text.ts'
import { UserRefSchema } from './users.ts'

export const ConfidenceSchema = z.enum(['low', 'medium', 'high'])

/** What the one structured LLM call writes about an escalated session. */
export const AssessmentSchema = z.object({
  summary_prose: z.string().min(1).max(4000),
  what_we_know: z.array(z.string().min(1).max(1000)).max(20),
  likely_cause: z.string().min(1).max(2000),
  suggested_steps: z.array(z.string().min(1).max(1000)).max(20),
  confidence: ConfidenceSchema,
})
export type Assessment = z.infer<typeof AssessmentSchema>

export const HandoffStatusSchema = z.enum(['pending', 'claimed', 'cancelled'])
export const AssessmentStatusSchema = z.enum(['pending', 'ready', 'failed'])
export const ClaimOptionSchema = z.enum(['continue', 'ai_analysis', 'own'])
export type ClaimOption = z.infer<typeof ClaimOptionSchema>

/**
 * What happened to an escalation, oldest first, for the handoff screen ("Sent to Sam at
 * 14:02 · re-sent 14:07 · sent to everyone 14:17"): `sent` when it was opened, then the
 * escalation policy's `renotified` (the same people again) and `widened` (every senior and
 * admin), then `claimed`. `to` lists who was notified; it is null for `claimed` (who claimed
 * is `claimed_by`).
 */
export const HandoffTimelineEntrySchema = z.object({
  kind: z.enum(['sent', 'renotified', 'widened', 'claimed']),
  at: z.string(),
  to: z.array(UserRefSchema).nullable(),
})
export type HandoffTimelineEntry = z.infer<typeof HandoffTimelineEntrySchema>

export const HandoffResponseSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  session_title: z.string(),
  status: HandoffStatusSchema,
  handed_off_by: UserRefSchema,
  handed_off_by_name: z.string(),
  target_user: UserRefSchema.nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
  claimed_by: UserRefSchema.nullable(),
  claimed_at: z.string().nullable(),
  claim_option: ClaimOptionSchema.nullable(),
  assessment_status: AssessmentStatusSchema,
  assessment_error: z.string().nullable(),
  assessed_at: z.string().nullable(),
  ai_assessment_data: AssessmentSchema.nullable(),
  timeline: z.array(HandoffTimelineEntrySchema),
})
export type HandoffResponse = z.infer<typeof HandoffResponseSchema>

export const CreateHandoffRequestSchema = z.object({
  note: textSchema(2000, 0).optional(),
  target_user_id: IdSchema.optional(),
})
export type CreateHandoffRequest = z.infer<typeof CreateHandoffRequestSchema>

export const ClaimHandoffRequestSchema = z.object({ option: ClaimOptionSchema })
export type ClaimHandoffRequest = z.infer<typeof ClaimHandoffRequestSchema>

export const HandoffConflictResponseSchema = z.object({
  code: z.literal('HANDOFF_ALREADY_CLAIMED'),
  message: z.string(),
  claimed_by: UserRefSchema,
})
export type HandoffConflictResponse = z.infer<typeof HandoffConflictResponseSchema>

export const HandoffsQuerySchema = z.object({ status: HandoffStatusSchema.optional() })
export const HandoffsResponseSchema = z.object({ handoffs: z.array(HandoffResponseSchema) })
export type HandoffsResponse = z.infer<typeof HandoffsResponseSchema>
export const HandoffParamsSchema = z.object({ id: IdSchema })

/** The senior's first message under "Get AI analysis", built from the assessment. */
export function buildBriefing(handoff: Pick<HandoffResponse, 'handed_off_by_name' | 'note' | 'ai_assessment_data'>): string {
  const a = handoff.ai_assessment_data
  const lines = [`I'm picking up this session from ${handoff.handed_off_by_name}.`]
  if (handoff.note) lines.push('', `Their note: ${handoff.note}`)
  if (a) {
    lines.push('', `Summary: ${a.summary_prose}`)
    if (a.what_we_know.length) lines.push('', 'What we know:', ...a.what_we_know.map((f) => `- ${f}`))
    lines.push('', `Likely cause (${a.confidence} confidence): ${a.likely_cause}`)
    if (a.suggested_steps.length) lines.push('', 'Suggested next steps:', ...a.suggested_steps.map((s, i) => `${i + 1}. ${s}`))
  }
  lines.push('', 'Review this and give me the next concrete steps to resolve it.')
  return lines.join('\n')
}
