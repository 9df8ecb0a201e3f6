import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'

export interface PresenceDeps {
  prisma: PrismaClient
  bus: Bus
}

/** The live leases of one handoff, first to open the screen first. */
export async function currentViewers(deps: { prisma: PrismaClient }, handoffId: string, now = new Date()) {
  const rows = await deps.prisma.handoffPresence.findMany({
    where: { handoffId, expiresAt: { gte: now } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  })
  return rows.map((r) => r.user)
}

/**
 * Tells the organization's open tabs (its seniors', and the escalating junior's) who is looking at the handoff now. Always the whole
 * list, read after the change, so a client simply replaces what it showed.
 */
export async function publishViewers(deps: PresenceDeps, target: { organizationId: string; handoffId: string }) {
  const [viewers, handoff] = await Promise.all([
    currentViewers(deps, target.handoffId),
    // The junior who started the session sees who is looking at their escalation; other juniors do not.
    deps.prisma.handoff.findUnique({ where: { id: target.handoffId }, select: { session: { select: { createdById: true } } } }),
  ])
  await deps.bus.publishLive({
    type: 'presence_changed',
    organizationId: target.organizationId,
    startedById: handoff?.session.createdById ?? null,
    payload: { handoff_id: target.handoffId, viewers },
  })
}
