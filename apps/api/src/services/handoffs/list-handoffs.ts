import type { PrismaClient } from '../../generated/prisma/client.ts'
import { notFound } from '../../errors.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** The organization's handoffs (a senior's queue with `status: 'pending'`), newest first. */
export async function listHandoffs(
  deps: { prisma: PrismaClient },
  user: AuthUser,
  filter: { status?: 'pending' | 'claimed' | 'cancelled' },
) {
  const rows = await deps.prisma.handoff.findMany({
    where: { organizationId: user.organizationId, ...(filter.status ? { status: filter.status } : {}) },
    include: handoffInclude,
    orderBy: { createdAt: 'desc' },
    take: 100,
  })
  return rows.map(toWireHandoff)
}

export async function getHandoff(deps: { prisma: PrismaClient }, user: AuthUser, handoffId: string) {
  const row = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    include: handoffInclude,
  })
  if (!row) throw notFound('Handoff')
  return toWireHandoff(row)
}
