import { pickupLink } from '@resolutionflow/shared/notifications.ts'
import type { WebhookEventType, WebhookKind } from '@resolutionflow/shared/webhooks.ts'
import { randomUUID } from 'node:crypto'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { EnqueueJob, Tx } from '../../lib/outbox.ts'
import { renderWebhookBody, type WebhookMessage } from './render-webhook-body.ts'

/**
 * The organization's webhooks that take `event`, as a relation to read along with a row the
 * operation loads anyway (`organization: { select: webhooksTaking(...) }`): with relation
 * joins it costs no statement of its own, and an organization without webhooks none at all.
 */
export const webhooksTaking = (event: WebhookEventType) =>
  ({ webhooks: { where: { events: { array_contains: [event] } }, select: { id: true, kind: true } } }) satisfies Prisma.OrganizationSelect

export type WebhookTarget = { id: string; kind: string }

/**
 * Inside the transaction of an event: one delivery row and one `deliver-webhook` job per
 * webhook of the organization that takes `event`, so a committed event is delivered and a
 * rolled-back one never is. `only` limits it to one webhook (the "send test" button).
 * `webhooks`, when the caller already read them (see `webhooksTaking`), saves the lookup.
 */
export async function enqueueWebhookEvent(
  tx: Tx,
  enqueue: EnqueueJob,
  input: {
    organizationId: string
    event: WebhookEventType | 'test'
    handoff: WebhookMessage['handoff']
    publicUrl: string
    only?: string
    webhooks?: WebhookTarget[]
  },
): Promise<string[]> {
  const webhooks = input.webhooks ?? await tx.webhook.findMany({
    where: input.only
      ? { id: input.only, organizationId: input.organizationId }
      : { organizationId: input.organizationId, events: { array_contains: [input.event] } },
    select: { id: true, kind: true },
  })
  const createdAt = new Date()
  const ids: string[] = []
  for (const webhook of webhooks) {
    const id = randomUUID()
    const body = renderWebhookBody(webhook.kind as WebhookKind, {
      deliveryId: id,
      event: input.event,
      createdAt,
      handoff: input.handoff,
      link: `${input.publicUrl}${pickupLink(input.handoff.session_id)}`,
    })
    await tx.webhookDelivery.create({ data: { id, webhookId: webhook.id, eventType: input.event, body, createdAt } })
    await enqueue('deliver-webhook', { delivery_id: id, attempt: 0 })
    ids.push(id)
  }
  return ids
}
