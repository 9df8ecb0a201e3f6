// replaced by the shared schema on merge: packages/shared/src/webhooks.ts (owned by the
// server side of this issue). Names follow ARCHITECTURE.md "Contract additions".

export const WEBHOOK_KINDS = ['json', 'teams', 'slack'] as const
export type WebhookKind = (typeof WEBHOOK_KINDS)[number]

/** The events a webhook may subscribe to (issue #9). */
export const WEBHOOK_EVENTS = ['handoff_created', 'handoff_claimed', 'handoff_unclaimed_widened'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export type Webhook = {
  id: string
  url: string
  kind: WebhookKind
  events: WebhookEvent[]
  created_at: string
}

export type WebhooksResponse = { webhooks: Webhook[] }
export type CreateWebhookRequest = { url: string; kind: WebhookKind; events: WebhookEvent[] }
/** 201: the signing secret is in this answer only. */
export type CreateWebhookResponse = { webhook: Webhook & { secret: string } }

/**
 * One event sent to a webhook: `pending` while tried (or waiting for a retry at
 * `next_attempt_at`), then `succeeded` or `failed`. `event` is `test` for "send test".
 */
export type WebhookDelivery = {
  id: string
  event: string
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  last_status_code: number | null
  last_error: string | null
  next_attempt_at: string | null
  delivered_at: string | null
  created_at: string
}
export type WebhookDeliveriesResponse = { deliveries: WebhookDelivery[] }
export type WebhookTestResponse = { delivery: WebhookDelivery }
