import { z } from 'zod'
import { DECLINE_REASONS, FEEDBACK_PROBLEMS } from './escalation-rules.ts'
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

export const DeclineReasonSchema = z.enum(DECLINE_REASONS)
export const FeedbackProblemSchema = z.enum(FEEDBACK_PROBLEMS)

export const HandoffDeclineSchema = z.object({
  user: UserRefSchema,
  reason: DeclineReasonSchema,
  note: z.string().nullable(),
  created_at: z.string(),
})
export type HandoffDecline = z.infer<typeof HandoffDeclineSchema>

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
  /** Set when the one who escalated called it off (status `cancelled`). */
  cancelled_by: UserRefSchema.nullable(),
  cancelled_at: z.string().nullable(),
  cancel_note: z.string().nullable(),
  /** Set when the claimer gave the session back to the one who escalated (status stays `claimed`). */
  handed_back_at: z.string().nullable(),
  hand_back_note: z.string().nullable(),
  /** Seniors who said "not mine", oldest first. */
  declines: z.array(HandoffDeclineSchema),
})
export type HandoffResponse = z.infer<typeof HandoffResponseSchema>

export const CreateHandoffRequestSchema = z.object({
  note: textSchema(2000, 0).optional(),
  target_user_id: IdSchema.optional(),
})
export type CreateHandoffRequest = z.infer<typeof CreateHandoffRequestSchema>

export const ClaimHandoffRequestSchema = z.object({ option: ClaimOptionSchema })
export type ClaimHandoffRequest = z.infer<typeof ClaimHandoffRequestSchema>

export const CancelHandoffRequestSchema = z.object({ note: textSchema(2000, 0).optional() })
export const DeclineHandoffRequestSchema = z.object({ reason: DeclineReasonSchema, note: textSchema(2000, 0).optional() })
export const HandBackRequestSchema = z.object({ note: textSchema(2000) })

export const FeedbackRequestSchema = z.object({
  useful: z.boolean(),
  problems: z.array(FeedbackProblemSchema).max(FEEDBACK_PROBLEMS.length).optional(),
  note: textSchema(2000, 0).optional(),
})
export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>
export const FeedbackSchema = z.object({
  handoff_id: z.string(),
  user: UserRefSchema,
  useful: z.boolean(),
  problems: z.array(FeedbackProblemSchema),
  note: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})
export type Feedback = z.infer<typeof FeedbackSchema>
export const FeedbackResponseSchema = z.object({ feedback: FeedbackSchema })
export type FeedbackResponse = z.infer<typeof FeedbackResponseSchema>
/** The signed-in senior's own feedback on the handoff, or null before they gave any. */
export const MyFeedbackResponseSchema = z.object({ feedback: FeedbackSchema.nullable() })
export type MyFeedbackResponse = z.infer<typeof MyFeedbackResponseSchema>

export const SimilarSessionSchema = z.object({
  session_id: z.string(),
  title: z.string(),
  resolution_note: z.string(),
  resolved_at: z.string(),
  /** Full-text rank: higher is closer; comparable only within one answer. */
  score: z.number(),
})
export type SimilarSession = z.infer<typeof SimilarSessionSchema>
export const SimilarSessionsResponseSchema = z.object({ sessions: z.array(SimilarSessionSchema) })
export type SimilarSessionsResponse = z.infer<typeof SimilarSessionsResponseSchema>

export const HandoffConflictResponseSchema = z.object({
  code: z.literal('HANDOFF_ALREADY_CLAIMED'),
  message: z.string(),
  claimed_by: UserRefSchema,
})
export type HandoffConflictResponse = z.infer<typeof HandoffConflictResponseSchema>

/** 409 HANDOFF_NOT_OPEN: who got there first, when someone did. */
export const HandoffNotOpenResponseSchema = z.object({
  code: z.literal('HANDOFF_NOT_OPEN'),
  message: z.string(),
  claimed_by: UserRefSchema.optional(),
  cancelled_by: UserRefSchema.optional(),
})

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
