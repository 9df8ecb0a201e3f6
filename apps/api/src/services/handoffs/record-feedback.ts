import { canGiveFeedback, type FeedbackProblem } from '@resolutionflow/shared/escalation-rules.ts'
import type { Feedback } from '@resolutionflow/shared/handoffs.ts'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findHandoff } from './find-handoff.ts'

const feedbackInclude = { user: { select: { id: true, name: true } } } satisfies Prisma.HandoffFeedbackInclude
type FeedbackRow = Prisma.HandoffFeedbackGetPayload<{ include: typeof feedbackInclude }>

const toWireFeedback = (f: FeedbackRow): Feedback => ({
  handoff_id: f.handoffId,
  user: f.user,
  useful: f.useful,
  problems: f.problems as FeedbackProblem[],
  note: f.note,
  created_at: f.createdAt.toISOString(),
  updated_at: f.updatedAt.toISOString(),
})

/** A senior's verdict on the assessment: one per senior per handoff, a second call edits it. */
export async function recordFeedback(
  deps: { prisma: PrismaClient; bus: Bus },
  input: { user: AuthUser; handoffId: string; useful: boolean; problems?: FeedbackProblem[]; note?: string },
): Promise<Feedback> {
  const { user } = input
  const handoff = toWireHandoff(await findHandoff(deps.prisma, user, input.handoffId))
  if (!isSenior(user.role) || handoff.handed_off_by.id === user.id) throw forbidden('Only a senior other than the one who escalated rates the assessment')
  if (!canGiveFeedback(user, handoff)) throw new AppError(409, 'ASSESSMENT_NOT_READY', 'There is no written assessment to rate yet')
  const problems = [...new Set(input.problems ?? [])]
  const note = input.note?.trim() || null

  return transactWithEvents(deps, async (tx, record) => {
    const row = await tx.handoffFeedback.upsert({
      where: { handoffId_userId: { handoffId: handoff.id, userId: user.id } },
      create: { organizationId: user.organizationId, handoffId: handoff.id, userId: user.id, useful: input.useful, problems, note },
      update: { useful: input.useful, problems, note },
      include: feedbackInclude,
    })
    record({
      type: 'feedback_recorded',
      organizationId: user.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.session_id, user_id: user.id, useful: input.useful },
    })
    return toWireFeedback(row)
  })
}

/** The signed-in user's own feedback on a handoff of their organization, or null. */
export async function getMyFeedback(deps: { prisma: PrismaClient }, input: { user: AuthUser; handoffId: string }): Promise<Feedback | null> {
  const handoff = await findHandoff(deps.prisma, input.user, input.handoffId)
  const row = await deps.prisma.handoffFeedback.findUnique({
    where: { handoffId_userId: { handoffId: handoff.id, userId: input.user.id } },
    include: feedbackInclude,
  })
  return row ? toWireFeedback(row) : null
}
