import { z } from 'zod'
import { IdSchema } from './text.ts'

export const VapidPublicKeyResponseSchema = z.object({ public_key: z.string() })
export type VapidPublicKeyResponse = z.infer<typeof VapidPublicKeyResponseSchema>

/** What the browser's `PushSubscription.toJSON()` gives. */
export const CreatePushSubscriptionRequestSchema = z.object({
  endpoint: z
    .string()
    .max(2000)
    .refine((u) => URL.canParse(u) && ['http:', 'https:'].includes(new URL(u).protocol), {
      message: 'must be an http(s) URL',
    }),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
})
export type CreatePushSubscriptionRequest = z.infer<typeof CreatePushSubscriptionRequestSchema>

export const PushSubscriptionSchema = z.object({
  id: z.string(),
  endpoint: z.string(),
  user_agent: z.string().nullable(),
  created_at: z.string(),
})
export type PushSubscription = z.infer<typeof PushSubscriptionSchema>
export const PushSubscriptionResponseSchema = z.object({ subscription: PushSubscriptionSchema })
export const PushSubscriptionsResponseSchema = z.object({ subscriptions: z.array(PushSubscriptionSchema) })
export type PushSubscriptionsResponse = z.infer<typeof PushSubscriptionsResponseSchema>
export const PushSubscriptionParamsSchema = z.object({ id: IdSchema })

/** What a push message carries (the service worker shows it and opens `link` on click). */
export const PushMessageSchema = z.object({ title: z.string(), body: z.string(), link: z.string(), handoff_id: z.string() })
export type PushMessage = z.infer<typeof PushMessageSchema>
