import type { PushMessage } from '@resolutionflow/shared/push.ts'
import { pickupLink } from '@resolutionflow/shared/notifications.ts'
import webpush from 'web-push'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { postOutbound, type OutboundSettings } from '../../lib/outbound.ts'
import type { VapidKeys } from '../../lib/vapid.ts'
import type { HandoffNotificationKind } from '../notifications/notify-users.ts'

export class PushRetryableError extends Error {
  override name = 'PushRetryableError'
}

/**
 * The `send-push` job: one Web Push message to one browser about a pending handoff.
 * web-push encrypts the payload (aes128gcm) and signs the VAPID header; the request goes
 * out through the same guarded client as webhooks (no private addresses unless allowed).
 * A push service answering 404 or 410 has dropped the subscription: it is deleted. A 429
 * or 5xx throws, so pg-boss retries the job; other answers are final.
 */
export async function sendHandoffPush(
  deps: { prisma: PrismaClient; vapid: VapidKeys; outbound: OutboundSettings; publicUrl: string; log?: { warn(o: unknown, m: string): void } },
  input: { subscriptionId: string; handoffId: string; kind: HandoffNotificationKind; signal?: AbortSignal },
): Promise<'sent' | 'skipped' | 'removed' | 'refused'> {
  const [subscription, handoff] = await Promise.all([
    deps.prisma.pushSubscription.findUnique({ where: { id: input.subscriptionId }, include: { user: { select: { notifyPush: true } } } }),
    deps.prisma.handoff.findUnique({
      where: { id: input.handoffId },
      select: { id: true, status: true, sessionId: true, session: { select: { title: true } }, handedOffBy: { select: { name: true } } },
    }),
  ])
  if (!subscription?.user.notifyPush || !handoff || handoff.status !== 'pending') return 'skipped'

  const message: PushMessage = {
    title: {
      handoff_created: `${handoff.handedOffBy.name} escalated a session`,
      handoff_renotified: `Still waiting: ${handoff.handedOffBy.name}'s escalation`,
      handoff_widened: `Nobody has picked up ${handoff.handedOffBy.name}'s escalation`,
    }[input.kind],
    body: handoff.session.title,
    link: `${deps.publicUrl}${pickupLink(handoff.sessionId)}`,
    handoff_id: handoff.id,
  }
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(message),
    { vapidDetails: deps.vapid, TTL: 60 * 60, urgency: 'high', contentEncoding: 'aes128gcm' },
  )
  const res = await postOutbound(
    details.endpoint,
    { body: details.body, headers: Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k.toLowerCase(), String(v)])) },
    deps.outbound,
    input.signal,
  )
  if (res.status === 404 || res.status === 410) {
    await deps.prisma.pushSubscription.deleteMany({ where: { id: subscription.id } })
    return 'removed'
  }
  if (res.status === 429 || res.status >= 500) throw new PushRetryableError(`push service answered ${res.status}`)
  if (res.status < 200 || res.status >= 300) {
    deps.log?.warn({ status: res.status, body: res.body, subscriptionId: subscription.id }, 'push service refused a message')
    return 'refused'
  }
  return 'sent'
}
