import { z } from 'zod'
import { IdSchema } from './text.ts'

/** The domain events an organization's webhooks can receive. */
export const WebhookEventTypes = ['handoff_created', 'handoff_claimed', 'handoff_unclaimed_widened'] as const
export const WebhookEventTypeSchema = z.enum(WebhookEventTypes)
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>

/** Payload formats: generic JSON, a Microsoft Teams card, a Slack incoming-webhook message. */
export const WebhookKindSchema = z.enum(['json', 'teams', 'slack'])
export type WebhookKind = z.infer<typeof WebhookKindSchema>

/** http(s) only; whether the host is allowed (no private addresses) is checked by the server. */
export const WebhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => URL.canParse(u) && ['http:', 'https:'].includes(new URL(u).protocol), { message: 'must be an http or https URL' })

export const CreateWebhookRequestSchema = z.object({
  url: WebhookUrlSchema,
  kind: WebhookKindSchema,
  events: z.array(WebhookEventTypeSchema).min(1).max(WebhookEventTypes.length),
})
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequestSchema>

export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  kind: WebhookKindSchema,
  events: z.array(WebhookEventTypeSchema),
  created_at: z.string(),
})
export type Webhook = z.infer<typeof WebhookSchema>

/** The answer to creating one: the signing secret is shown this once, never again. */
export const CreatedWebhookResponseSchema = z.object({ webhook: WebhookSchema.extend({ secret: z.string() }) })
export type CreatedWebhookResponse = z.infer<typeof CreatedWebhookResponseSchema>
export const WebhooksResponseSchema = z.object({ webhooks: z.array(WebhookSchema) })
export type WebhooksResponse = z.infer<typeof WebhooksResponseSchema>
export const WebhookParamsSchema = z.object({ id: IdSchema })

/**
 * One event sent to a webhook: `pending` while it is being tried (or waits for a retry at
 * `next_attempt_at`), then `succeeded` (a 2xx) or `failed` (a 4xx other than 429, or 24 h
 * of 5xx, timeouts and refused connections). `event` is `test` for "send test".
 */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
})
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>
export const WebhookDeliveriesResponseSchema = z.object({ deliveries: z.array(WebhookDeliverySchema) })
export type WebhookDeliveriesResponse = z.infer<typeof WebhookDeliveriesResponseSchema>
export const WebhookTestResponseSchema = z.object({ delivery: WebhookDeliverySchema })
export type WebhookTestResponse = z.infer<typeof WebhookTestResponseSchema>
