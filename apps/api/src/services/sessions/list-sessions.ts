import type { PrismaClient } from '../../generated/prisma/client.ts'
import { sessionInclude, toWireSession } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { LIST_PAGES } from '@resolutionflow/shared/list-pages.ts'

/** The sidebar: sessions the user started or picked up, newest activity first. */
export async function listSessions(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }) {
  // The sessions picked up first, by their own index: an `OR ... handoffs.some` in one query
  // makes Postgres scan every session of the organization and hash every handoff.
  const picked = await deps.prisma.handoff.findMany({ where: { claimedById: user.id }, select: { sessionId: true }, distinct: ['sessionId'] })
  const rows = await deps.prisma.chatSession.findMany({
    where: {
      organizationId: user.organizationId,
      OR: [{ createdById: user.id }, { id: { in: picked.map((h) => h.sessionId) } }],
    },
    include: sessionInclude,
    orderBy: { lastActivityAt: 'desc' },
    take: LIST_PAGES.sessions,
  })
  return rows.map(toWireSession)
}
