import { publishViewers, type PresenceDeps } from './publish-viewers.ts'

/**
 * Removes the leases whose tab stopped sending heartbeats (closed without a goodbye,
 * asleep, offline) and tells the organization. Every replica sweeps; each lapsed lease is
 * deleted by one conditional delete, so exactly one replica announces each departure.
 * Returns how many leases it removed.
 */
export async function sweepPresence(deps: PresenceDeps, now = new Date()) {
  const lapsed = await deps.prisma.handoffPresence.findMany({
    where: { expiresAt: { lt: now } },
    select: { handoffId: true, userId: true, organizationId: true },
    take: 200,
  })
  const changed = new Map<string, string>()
  let removedCount = 0
  for (const lease of lapsed) {
    // Still lapsed at the moment of the delete: a heartbeat that renewed it meanwhile wins.
    const removed = await deps.prisma.handoffPresence.deleteMany({
      where: { handoffId: lease.handoffId, userId: lease.userId, expiresAt: { lt: now } },
    })
    removedCount += removed.count
    if (removed.count > 0) changed.set(lease.handoffId, lease.organizationId)
  }
  for (const [handoffId, organizationId] of changed) await publishViewers(deps, { organizationId, handoffId })
  return removedCount
}
