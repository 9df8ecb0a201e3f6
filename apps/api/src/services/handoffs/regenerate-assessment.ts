import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/**
 * Puts a failed (or stale) assessment back to pending so the enrichment job makes one new
 * call. A pending one is left alone: its call is already under way.
 */
export async function regenerateAssessment(deps: { prisma: PrismaClient }, user: AuthUser, handoffId: string) {
  const handoff = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    select: { id: true },
  })
  if (!handoff) throw notFound('Handoff')
  await deps.prisma.handoff.updateMany({
    where: { id: handoffId, assessmentStatus: { in: ['failed', 'ready'] } },
    data: { assessmentStatus: 'pending', assessmentError: null, assessmentLeaseUntil: null },
  })
}
