import type { CreatePushSubscriptionRequest, PushSubscription } from '@resolutionflow/shared/push.ts'
import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { checkOutboundUrl, type OutboundSettings } from '../../lib/outbound.ts'
import type { AuthUser } from '../auth/auth-user.ts'

type Row = { id: string; endpoint: string; userAgent: string | null; createdAt: Date }
const toWire = (s: Row): PushSubscription => ({
  id: s.id,
  endpoint: s.endpoint,
  user_agent: s.userAgent,
  created_at: s.createdAt.toISOString(),
})

export async function listPushSubscriptions(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }): Promise<PushSubscription[]> {
  const rows = await deps.prisma.pushSubscription.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } })
  return rows.map(toWire)
}

/**
 * Saves this browser's subscription. The endpoint identifies the browser: subscribing again
 * (new keys after the browser rotated them, or another user signing in on it) replaces the
 * row with one upsert, so a browser never gets a push twice or another user's pushes.
 */
export async function savePushSubscription(
  deps: { prisma: PrismaClient; outbound: Pick<OutboundSettings, 'allowPrivate'> },
  input: CreatePushSubscriptionRequest & { user: AuthUser; userAgent?: string },
): Promise<PushSubscription> {
  const { user } = input
  await checkOutboundUrl(input.endpoint, deps.outbound, 'endpoint')
  const data = { userId: user.id, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent?.slice(0, 300) ?? null }
  const row = await deps.prisma.pushSubscription.upsert({
    where: { endpoint: input.endpoint },
    create: { endpoint: input.endpoint, ...data },
    update: data,
  })
  return toWire(row)
}

export async function deletePushSubscription(
  deps: { prisma: PrismaClient },
  { user, subscriptionId }: { user: AuthUser; subscriptionId: string },
): Promise<void> {
  const { count } = await deps.prisma.pushSubscription.deleteMany({ where: { id: subscriptionId, userId: user.id } })
  if (count === 0) throw notFound('Push subscription')
}
