import { z } from 'zod'

/**
 * Domain events, as written to the outbox and sent on `GET /api/events`
 * (SSE `event` = type, `id` = the outbox id, `data` = the payload below).
 * Payloads carry ids, not documents: a client refetches what it shows.
 */
export const DomainEventTypes = [
  'handoff_created',
  'handoff_assessment_pending',
  'handoff_assessment_ready',
  'handoff_claimed',
  'handoff_renotified',
  'handoff_widened',
  'notification_created',
  'message_created',
  'task_lane_updated',
  'reply_failed',
  'handoff_cancelled',
  'handoff_declined',
  'handoff_handed_back',
  'session_resolved',
  'session_reopened',
  'feedback_recorded',
] as const
export const DomainEventTypeSchema = z.enum(DomainEventTypes)
export type DomainEventType = z.infer<typeof DomainEventTypeSchema>

export const DomainEventPayloadSchemas = {
  handoff_created: z.object({ handoff_id: z.string(), session_id: z.string() }),
  /** A new assessment was asked for (Regenerate); `handoff_assessment_ready` follows. */
  handoff_assessment_pending: z.object({ handoff_id: z.string(), session_id: z.string() }),
  handoff_assessment_ready: z.object({
    handoff_id: z.string(),
    session_id: z.string(),
    assessment_status: z.enum(['ready', 'failed']),
  }),
  handoff_claimed: z.object({
    handoff_id: z.string(),
    session_id: z.string(),
    claimed_by: z.object({ id: z.string(), name: z.string() }),
    claim_option: z.enum(['continue', 'ai_analysis', 'own']),
  }),
  /** The escalation policy re-sent a pending handoff to the same seniors (after `renotify_after_s`). */
  handoff_renotified: z.object({ handoff_id: z.string(), session_id: z.string() }),
  /** Still pending after `widen_after_s`: sent to every senior and admin of the organization. */
  handoff_widened: z.object({ handoff_id: z.string(), session_id: z.string() }),
  notification_created: z.object({ notification_id: z.string(), session_id: z.string() }),
  /** `author_id`: who wrote it (null: the assistant); a session someone just started reaches their other tabs' sidebars by it. */
  message_created: z.object({ session_id: z.string(), message_id: z.string(), author_id: z.string().nullable().optional() }),
  task_lane_updated: z.object({ session_id: z.string() }),
  /** The assistant could not answer a message the server answers on its own (a briefing); Retry can. */
  reply_failed: z.object({ session_id: z.string(), message_id: z.string(), message: z.string() }),
  /** The one who escalated called it off; seniors' notifications about it are obsolete. */
  handoff_cancelled: z.object({ handoff_id: z.string(), session_id: z.string(), cancelled_by: z.object({ id: z.string(), name: z.string() }) }),
  /** `widened`: a targeted escalation its target declined now goes to every senior. */
  handoff_declined: z.object({
    handoff_id: z.string(),
    session_id: z.string(),
    declined_by: z.object({ id: z.string(), name: z.string() }),
    reason: z.enum(['not_my_area', 'busy', 'other']),
    widened: z.boolean(),
  }),
  handoff_handed_back: z.object({ handoff_id: z.string(), session_id: z.string(), handed_back_by: z.object({ id: z.string(), name: z.string() }) }),
  session_resolved: z.object({ session_id: z.string(), resolved_by: z.object({ id: z.string(), name: z.string() }) }),
  session_reopened: z.object({ session_id: z.string(), reopened_by: z.object({ id: z.string(), name: z.string() }) }),
  feedback_recorded: z.object({ handoff_id: z.string(), session_id: z.string(), user_id: z.string(), useful: z.boolean() }),
} satisfies Record<DomainEventType, z.ZodType>

export type DomainEventPayload<T extends DomainEventType> = z.infer<(typeof DomainEventPayloadSchemas)[T]>

/**
 * Live-only events: sent on `GET /api/events` without an id (never stored, never
 * replayed). `assistant_delta` streams a reply the server writes on its own (the answer
 * to a senior's "Get AI analysis" briefing) to everyone looking at the session; the
 * stored message follows as `message_created`.
 */
export const AssistantDeltaPayloadSchema = z.object({ session_id: z.string(), text: z.string() })
export type AssistantDeltaPayload = z.infer<typeof AssistantDeltaPayloadSchema>

/**
 * Who has a handoff's pickup screen open, sent whenever that list changes (someone opens
 * it, closes it, or their tab stops sending heartbeats). Always the whole list, so a
 * client replaces what it had; the viewer's own entry is theirs to leave out.
 */
export const PresenceChangedPayloadSchema = z.object({
  handoff_id: z.string(),
  viewers: z.array(z.object({ id: z.string(), name: z.string() })),
})
export type PresenceChangedPayload = z.infer<typeof PresenceChangedPayloadSchema>

export const LiveEventPayloadSchemas = {
  assistant_delta: AssistantDeltaPayloadSchema,
  presence_changed: PresenceChangedPayloadSchema,
} satisfies Record<string, z.ZodType>
export type LiveEventType = keyof typeof LiveEventPayloadSchemas
export type LiveEventPayload<T extends LiveEventType> = z.infer<(typeof LiveEventPayloadSchemas)[T]>

/**
 * Stream control, not a domain event: the server could not replay what the client missed
 * (too far behind, or a Last-Event-ID it cannot place). Its id is the latest event the
 * client may see, so the browser resumes from there; the client refetches everything.
 */
export const ResetPayloadSchema = z.object({ reason: z.enum(['too_far_behind', 'unknown_last_event_id']) })
export type ResetPayload = z.infer<typeof ResetPayloadSchema>
