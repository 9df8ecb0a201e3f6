import { z } from 'zod'
import { IdSchema } from './text.ts'
import { UserRefSchema } from './users.ts'

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(['handoff_created', 'handoff_claimed', 'handoff_declined', 'handoff_handed_back', 'session_resolved']),
  title: z.string(),
  body: z.string(),
  actor: UserRefSchema.nullable(),
  session_id: z.string(),
  handoff_id: z.string().nullable(),
  /** Where clicking it leads: `/chat/<sessionId>?pickup=true`. */
  link: z.string(),
  read: z.boolean(),
  /** The handoff no longer needs this reader (cancelled, or they declined it): not counted as unread. */
  obsolete: z.boolean(),
  created_at: z.string(),
})
export type Notification = z.infer<typeof NotificationSchema>

export const NotificationsResponseSchema = z.object({
  notifications: z.array(NotificationSchema),
  unread: z.number().int().nonnegative(),
})
export type NotificationsResponse = z.infer<typeof NotificationsResponseSchema>

export const NotificationParamsSchema = z.object({ id: IdSchema })

export const pickupLink = (sessionId: string) => `/chat/${sessionId}?pickup=true`
