import { buildBriefing, type ClaimOption, type HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import { AppError, forbidden, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff, type HandoffRow } from '../../lib/wire.ts'
import type { NotifySettings } from '../../plugins/app/notify.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { handoffNotOpen } from './find-handoff.ts'
import { enqueueWebhookEvent, webhooksTaking } from '../webhooks/enqueue-webhook-event.ts'

/**
 * A senior picks up a pending handoff. One conditional UPDATE decides the race: Postgres
 * re-checks `status = 'pending'` after taking the row lock, so exactly one claimer gets
 * count 1. Everyone else reads the winner and gets 409; the winner asking again gets 200.
 * With `ai_analysis` the senior's briefing (built from the assessment) and the
 * `answer-briefing` job that has the assistant answer it are written in the same transaction.
 *
 * Statements (test/db/statement-budget.test.ts): the handoff is read once, with its
 * relations and the organization's webhooks for this event in the same statement; the
 * winning UPDATE returns the claimed row's columns, so the answer is that row with the
 * relations read just before (nobody else can write the claim in between).
 */
export async function claimHandoff(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue; notify: NotifySettings },
  user: AuthUser,
  input: { handoffId: string; option: ClaimOption },
): Promise<HandoffResponse> {
  const found = await deps.prisma.handoff.findFirst({
    where: { id: input.handoffId, organizationId: user.organizationId },
    include: { ...handoffInclude, organization: { select: webhooksTaking('handoff_claimed') } },
  })
  if (!found) throw notFound('Handoff')
  const { organization, ...handoff } = found
  if (!isSenior(user.role)) throw forbidden('Only seniors and admins can pick up an escalation')
  if (handoff.handedOffById === user.id) throw forbidden('You escalated this session; another senior has to pick it up')

  // A claimed handoff never goes back to pending, so a decided race needs no transaction.
  if (handoff.status !== 'pending') return lost(user, handoff)

  return transactWithEvents(deps, async (tx, record, enqueue) => {
    const claimedAt = new Date()
    const [claimed] = await tx.handoff.updateManyAndReturn({
      where: { id: handoff.id, status: 'pending' },
      data: { status: 'claimed', claimedById: user.id, claimedAt, claimOption: input.option },
    })
    if (!claimed) return lost(user, await tx.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude }))

    const wire = toWireHandoff({ ...handoff, ...claimed, claimedBy: { id: user.id, name: user.name } })
    await tx.chatSession.update({ where: { id: handoff.sessionId }, data: { lastActivityAt: claimedAt } })
    record({
      type: 'handoff_claimed',
      organizationId: user.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.sessionId, claimed_by: { id: user.id, name: user.name }, claim_option: input.option },
    })
    await enqueueWebhookEvent(tx, enqueue, {
      organizationId: user.organizationId,
      event: 'handoff_claimed',
      handoff: wire,
      publicUrl: deps.notify.publicUrl,
      webhooks: organization.webhooks,
    })
    const notification = await tx.notification.create({
      data: {
        organizationId: user.organizationId,
        userId: handoff.handedOffById,
        actorId: user.id,
        handoffId: handoff.id,
        sessionId: handoff.sessionId,
        kind: 'handoff_claimed',
        title: `${user.name} picked up your escalation`,
        body: handoff.session.title,
      },
    })
    record({
      type: 'notification_created',
      organizationId: user.organizationId,
      userId: handoff.handedOffById,
      payload: { notification_id: notification.id, session_id: handoff.sessionId },
    })

    if (input.option !== 'ai_analysis') return wire
    const briefing = await tx.message.create({
      // Marked as being answered: the answer-briefing job writes the reply.
      data: { sessionId: handoff.sessionId, authorId: user.id, role: 'user', content: buildBriefing(wire), answeringSince: claimedAt },
    })
    record({
      type: 'message_created',
      organizationId: user.organizationId,
      payload: { session_id: handoff.sessionId, message_id: briefing.id },
    })
    await enqueue('answer-briefing', { session_id: handoff.sessionId, message_id: briefing.id, user_id: user.id })
    return wire
  })
}

/** The answer when this request did not write the claim: the winner again gets 200, anyone else 409. */
function lost(user: AuthUser, current: HandoffRow): HandoffResponse {
  if (current.claimedBy?.id === user.id) return toWireHandoff(current)
  // Lost to a cancel: 409 HANDOFF_NOT_OPEN naming who called it off.
  if (!current.claimedBy) throw handoffNotOpen(toWireHandoff(current))
  throw new AppError(409, 'HANDOFF_ALREADY_CLAIMED', `Already claimed by ${current.claimedBy.name}`, {
    claimed_by: current.claimedBy,
  })
}
