import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { BusEvent } from '../../lib/bus.ts'
import type { AuthUser } from '../auth/auth-user.ts'

const MAX_REPLAY = 1000

/** Outbox events after `lastEventId` that the user may see, oldest first. */
export async function replayEvents(deps: { prisma: PrismaClient }, user: AuthUser, lastEventId: string): Promise<BusEvent[]> {
  if (!/^\d{1,19}$/.test(lastEventId)) return []
  const rows = await deps.prisma.event.findMany({
    where: {
      organizationId: user.organizationId,
      OR: [{ userId: null }, { userId: user.id }],
      id: { gt: BigInt(lastEventId) },
    },
    orderBy: { id: 'asc' },
    take: MAX_REPLAY,
  })
  return rows.map((r) => ({
    id: r.id.toString(),
    organizationId: r.organizationId,
    userId: r.userId,
    type: r.type,
    payload: r.payload,
  }))
}
