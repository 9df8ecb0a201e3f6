import { canRegenerateAssessment, SESSION_RIGHTS_MESSAGES } from '@resolutionflow/shared/session-rights.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { sessionParties } from '../sessions/session-access.ts'

/**
 * Puts a failed (or stale) assessment back to pending and enqueues a new `assess-handoff`
 * job in the same transaction, and tells every open screen (`handoff_assessment_pending`), so none keeps offering
 * Regenerate on an error that is being retried. A pending one is left alone: its call is
 * already under way.
 *
 * Who may: the shared rule (packages/shared/src/session-rights.ts): the people working the
 * session, and while it waits for pickup the seniors it was sent to; a `ready` assessment
 * only the people working it. How often: the route's rate limit.
 */
export async function regenerateAssessment(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue },
  { user, handoffId }: { user: AuthUser; handoffId: string },
) {
  const handoff = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    select: { id: true, sessionId: true, status: true, assessmentStatus: true, targetUserId: true, session: { select: { id: true, createdById: true } } },
  })
  if (!handoff) throw notFound('Handoff')
  const parties = await sessionParties(deps.prisma, handoff.session)
  if (!canRegenerateAssessment(user, parties, handoff)) throw forbidden(SESSION_RIGHTS_MESSAGES.regenerate)
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
