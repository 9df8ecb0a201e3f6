import { notFound } from '../../errors.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { publishViewers, type PresenceDeps } from './publish-viewers.ts'

/**
 * A heartbeat from an open pickup screen: starts or renews the user's lease on the handoff.
 * Only a new viewer changes what others see, so only then is `presence_changed` sent.
 */
export async function touchPresence(
  deps: PresenceDeps & { ttlMs: number },
  input: { user: AuthUser; handoffId: string },
) {
  const { user, handoffId } = input
  const handoff = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    select: { id: true },
  })
  if (!handoff) throw notFound('Handoff')

  const expiresAt = new Date(Date.now() + deps.ttlMs)
  const key = { handoffId, userId: user.id }
  // Renew first: a heartbeat is nearly always for a lease that exists. An update that finds
  // nothing (first heartbeat, or the sweeper just removed a lapsed lease) inserts; the
  // insert skips a row another request created meanwhile, so a lease is only ever one row.
  const renewed = await deps.prisma.handoffPresence.updateMany({ where: key, data: { expiresAt } })
  if (renewed.count > 0) return
  const created = await deps.prisma.handoffPresence.createMany({
    data: [{ ...key, organizationId: user.organizationId, expiresAt }],
    skipDuplicates: true,
  })
  if (created.count > 0) await publishViewers(deps, { organizationId: user.organizationId, handoffId })
}
