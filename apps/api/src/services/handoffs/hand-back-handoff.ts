import { canHandBack } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findHandoff, handoffNotOpen } from './find-handoff.ts'

/**
 * The senior who picked it up gives the session back to whoever escalated it, with a note
 * ("try this next, ping me if it fails"). The handoff stays `claimed` with `handed_back_at`
 * set: the session is theirs again, and a new escalation is allowed later.
 */
export async function handBackHandoff(
  deps: { prisma: PrismaClient; bus: Bus },
  input: { user: AuthUser; handoffId: string; note: string },
): Promise<HandoffResponse> {
  const { user } = input
  const found = await findHandoff(deps.prisma, user, input.handoffId)
  const handoff = toWireHandoff(found)
  if (handoff.claimed_by?.id !== user.id) throw forbidden('Only the senior who picked it up can hand it back')
  if (found.session.status === 'resolved') throw sessionResolved()
  if (!canHandBack(user, handoff, found.session)) throw handoffNotOpen(handoff)

  return transactWithEvents(deps, async (tx, record) => {
    const now = new Date()
    // Conditional, so a double click (or two tabs) hands back and notifies once.
    const { count } = await tx.handoff.updateMany({
      where: { id: handoff.id, status: 'claimed', claimedById: user.id, handedBackAt: null },
      data: { handedBackAt: now, handBackNote: input.note.trim() },
    })
    const current = toWireHandoff(await tx.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude }))
    if (count === 0) throw handoffNotOpen(current)
    // The session after the handoff, as every write of a handoff takes them. A resolve holding
    // the session's row makes this wait and then find it resolved: the rollback undoes the hand back.
    const touched = await tx.chatSession.updateMany({ where: { id: handoff.session_id, status: 'open' }, data: { lastActivityAt: now } })
    if (touched.count === 0) throw sessionResolved()
    const notification = await tx.notification.create({
      data: {
        organizationId: user.organizationId,
        userId: handoff.handed_off_by.id,
        actorId: user.id,
        handoffId: handoff.id,
        sessionId: handoff.session_id,
        kind: 'handoff_handed_back',
        title: `${user.name} handed '${handoff.session_title}' back to you`,
        body: input.note.trim(),
      },
    })
    record({
      type: 'handoff_handed_back',
      organizationId: user.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.session_id, handed_back_by: { id: user.id, name: user.name } },
    })
    record({
      type: 'notification_created',
      organizationId: user.organizationId,
      userId: handoff.handed_off_by.id,
      payload: { notification_id: notification.id, session_id: handoff.session_id },
    })
    return current
  })
}

const sessionResolved = () =>
  new AppError(409, 'SESSION_ALREADY_RESOLVED', 'This session is resolved: reopen it to hand it back')
