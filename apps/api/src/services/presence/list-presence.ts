import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** Every handoff of the organization someone is looking at now (for a page opened later). */
export async function listPresence(deps: { prisma: PrismaClient }, input: { user: AuthUser }) {
  const rows = await deps.prisma.handoffPresence.findMany({
    where: { organizationId: input.user.organizationId, expiresAt: { gte: new Date() } },
    select: { handoffId: true, user: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
    take: 500,
  })
  const byHandoff = new Map<string, Array<{ id: string; name: string }>>()
  for (const row of rows) {
    const viewers = byHandoff.get(row.handoffId) ?? []
    viewers.push(row.user)
    byHandoff.set(row.handoffId, viewers)
  }
  return [...byHandoff].map(([handoff_id, viewers]) => ({ handoff_id, viewers }))
}
