import { canManageWebhooks } from '@resolutionflow/shared/roles.ts'
import type { CreateWebhookRequest, Webhook, WebhookDelivery, WebhookEventType, WebhookKind } from '@resolutionflow/shared/webhooks.ts'
import { randomBytes } from 'node:crypto'
import { forbidden, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { checkOutboundUrl, type OutboundSettings } from '../../lib/outbound.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { enqueueWebhookEvent } from './enqueue-webhook-event.ts'

type Row = { id: string; url: string; kind: string; events: unknown; createdAt: Date }
const toWire = (w: Row): Webhook => ({
  id: w.id,
  url: w.url,
  kind: w.kind as WebhookKind,
  events: w.events as WebhookEventType[],
  created_at: w.createdAt.toISOString(),
})

type DeliveryRow = {
  id: string; eventType: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null
  nextAttemptAt: Date | null; deliveredAt: Date | null; createdAt: Date
}
const toWireDelivery = (d: DeliveryRow): WebhookDelivery => ({
  id: d.id,
  event: d.eventType,
  status: d.status as WebhookDelivery['status'],
  attempts: d.attempts,
  last_status_code: d.lastStatusCode,
  last_error: d.lastError,
  next_attempt_at: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
  delivered_at: d.deliveredAt?.toISOString() ?? null,
  created_at: d.createdAt.toISOString(),
})

function assertAdmin(user: AuthUser) {
  if (!canManageWebhooks(user.role)) throw forbidden('Only admins manage webhooks')
}

async function findOwn(prisma: PrismaClient, user: AuthUser, id: string) {
  const webhook = await prisma.webhook.findFirst({ where: { id, organizationId: user.organizationId } })
  if (!webhook) throw notFound('Webhook')
  return webhook
}

export async function listWebhooks(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }): Promise<Webhook[]> {
  assertAdmin(user)
  const rows = await deps.prisma.webhook.findMany({ where: { organizationId: user.organizationId }, orderBy: { createdAt: 'asc' } })
  return rows.map(toWire)
}

/** A new webhook with a fresh signing secret, which this answer shows once. */
export async function createWebhook(
  deps: { prisma: PrismaClient; outbound: Pick<OutboundSettings, 'allowPrivate'> },
  input: CreateWebhookRequest & { user: AuthUser },
): Promise<Webhook & { secret: string }> {
  const { user } = input
  assertAdmin(user)
  // Checked now for a clear 400; checked again at every delivery, since DNS can change.
  await checkOutboundUrl(input.url, deps.outbound)
  const secret = `whsec_${randomBytes(24).toString('hex')}`
  const row = await deps.prisma.webhook.create({
    data: { organizationId: user.organizationId, url: input.url, kind: input.kind, events: [...new Set(input.events)], secret, createdById: user.id },
  })
  return { ...toWire(row), secret }
}

export async function deleteWebhook(deps: { prisma: PrismaClient }, { user, webhookId }: { user: AuthUser; webhookId: string }): Promise<void> {
  assertAdmin(user)
  await findOwn(deps.prisma, user, webhookId)
  // Pending deliveries go with it (cascade); their jobs find no row and do nothing.
  await deps.prisma.webhook.deleteMany({ where: { id: webhookId, organizationId: user.organizationId } })
}

/** The delivery log, newest first (the latest 100). */
export async function listWebhookDeliveries(
  deps: { prisma: PrismaClient },
  { user, webhookId }: { user: AuthUser; webhookId: string },
): Promise<WebhookDelivery[]> {
  assertAdmin(user)
  await findOwn(deps.prisma, user, webhookId)
  const rows = await deps.prisma.webhookDelivery.findMany({ where: { webhookId }, orderBy: { createdAt: 'desc' }, take: 100 })
  return rows.map(toWireDelivery)
}

/** "Send test": a `test` delivery to this webhook, through the same job, signature and retries as real events. */
export async function testWebhook(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue; notify: { publicUrl: string } },
  { user, webhookId }: { user: AuthUser; webhookId: string },
): Promise<WebhookDelivery> {
  assertAdmin(user)
  await findOwn(deps.prisma, user, webhookId)
  const now = new Date().toISOString()
  const [deliveryId] = await transactWithEvents(deps, (tx, _record, enqueue) =>
    enqueueWebhookEvent(tx, enqueue, {
      organizationId: user.organizationId,
      event: 'test',
      only: webhookId,
      publicUrl: deps.notify.publicUrl,
      handoff: {
        id: 'test',
        session_id: 'test',
        session_title: 'Test message',
        status: 'pending',
        handed_off_by: { id: user.id, name: user.name },
        note: 'Sent with "Send test" from the webhook settings.',
        created_at: now,
        claimed_by: null,
        claimed_at: null,
        claim_option: null,
      },
    }),
  )
  return toWireDelivery(await deps.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId! } }))
}
