import type { PrismaClient } from '../../generated/prisma/client.ts'
import { sessionInclude, toWireSession } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** The sidebar: sessions the user started or picked up, newest activity first. */
export async function listSessions(deps: { prisma: PrismaClient }, user: AuthUser) {
  const rows = await deps.prisma.chatSession.findMany({
    where: {
      organizationId: user.organizationId,
      OR: [{ createdById: user.id }, { handoffs: { some: { claimedById: user.id } } }],
    },
    include: sessionInclude,
    orderBy: { lastActivityAt: 'desc' },
    take: 200,
  })
  return rows.map(toWireSession)
}
