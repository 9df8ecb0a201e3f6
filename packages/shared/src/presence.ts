import { z } from 'zod'
import { PresenceChangedPayloadSchema } from './events.ts'

/**
 * "Who is looking": the open pickup screens of the organization's handoffs. The live
 * `presence_changed` event carries one entry; `GET /api/presence` gives them all, for a
 * page that opens after the screens did.
 */
export const HandoffPresenceSchema = PresenceChangedPayloadSchema
export type HandoffPresence = z.infer<typeof HandoffPresenceSchema>

export const PresenceListResponseSchema = z.object({ presence: z.array(HandoffPresenceSchema) })
export type PresenceListResponse = z.infer<typeof PresenceListResponseSchema>
