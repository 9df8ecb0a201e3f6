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

export type WebhookDelivery = {
  id: string
  event_type: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  last_error: string | null
  response_status?: number | null
  created_at: string
}
export type WebhookDeliveriesResponse = { deliveries: WebhookDelivery[] }
