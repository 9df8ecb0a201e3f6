import { isSenior } from '@resolutionflow/shared/roles.ts'
import { canReadSession, SESSION_RIGHTS_MESSAGES } from '@resolutionflow/shared/session-rights.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { forbidden, notFound } from '../../errors.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { sessionParties } from '../sessions/session-access.ts'
import { LIST_PAGES } from '@resolutionflow/shared/list-pages.ts'

/**
 * The organization's handoffs (a senior's queue with `status: 'pending'`), newest first. A
 * junior, who reads only the sessions they work (shared/session-rights.ts), gets theirs.
 */
export async function listHandoffs(
  deps: { prisma: PrismaClient },
  { user, ...filter }: { user: AuthUser; status?: 'pending' | 'claimed' | 'cancelled' },
) {
  const rows = await deps.prisma.handoff.findMany({
    where: {
      organizationId: user.organizationId,
      ...(filter.status ? { status: filter.status } : {}),
      ...(isSenior(user.role) ? {} : { OR: [{ session: { createdById: user.id } }, { claimedById: user.id }] }),
    },
    include: handoffInclude,
    orderBy: { createdAt: 'desc' },
    take: LIST_PAGES.handoffs,
  })
  return rows.map(toWireHandoff)
}

export async function getHandoff(deps: { prisma: PrismaClient }, { user, handoffId }: { user: AuthUser; handoffId: string }) {
  const row = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    include: handoffInclude,
  })
  if (!row) throw notFound('Handoff')
  if (!isSenior(user.role)) {
    const session = await deps.prisma.chatSession.findUniqueOrThrow({ where: { id: row.sessionId }, select: { id: true, createdById: true } })
    if (!canReadSession(user, await sessionParties(deps.prisma, session))) throw forbidden(SESSION_RIGHTS_MESSAGES.read)
  }
  return toWireHandoff(row)
}
