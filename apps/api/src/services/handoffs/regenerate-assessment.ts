import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/**
 * Puts a failed (or stale) assessment back to pending and enqueues a new `assess-handoff`
 * job in the same transaction, and tells every open screen (`handoff_assessment_pending`), so none keeps offering
 * Regenerate on an error that is being retried. A pending one is left alone: its call is
 * already under way.
 */
export async function regenerateAssessment(deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue }, user: AuthUser, handoffId: string) {
  const handoff = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    select: { id: true, sessionId: true },
  })
  if (!handoff) throw notFound('Handoff')
  await transactWithEvents(deps, async (tx, record, enqueue) => {
    const { count } = await tx.handoff.updateMany({
      where: { id: handoffId, assessmentStatus: { in: ['failed', 'ready'] } },
      data: { assessmentStatus: 'pending', assessmentError: null },
    })
    if (count === 1) {
      await enqueue('assess-handoff', { handoff_id: handoff.id })
      record({
        type: 'handoff_assessment_pending',
        organizationId: user.organizationId,
        payload: { handoff_id: handoff.id, session_id: handoff.sessionId },
      })
    }
  })
}
