import { canCancel } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findHandoff, handoffNotOpen } from './find-handoff.ts'

/**
 * The one who escalated calls it off while it waits ("I solved it myself"). One conditional
 * UPDATE on `status = 'pending'`, the same guard the claim writes through, so of a cancel and
 * a claim racing exactly one changes the row; the other reads the winner and gets 409.
 * The seniors' notifications about it become obsolete in the same transaction.
 */
export async function cancelHandoff(
  deps: { prisma: PrismaClient; bus: Bus },
  input: { user: AuthUser; handoffId: string; note?: string },
): Promise<HandoffResponse> {
  const { user } = input
  const handoff = toWireHandoff(await findHandoff(deps.prisma, user, input.handoffId))
  if (handoff.handed_off_by.id !== user.id) throw forbidden('Only the one who escalated can cancel the escalation')
  if (!canCancel(user, handoff)) throw handoffNotOpen(handoff)

  return transactWithEvents(deps, async (tx, record) => {
    const now = new Date()
    const { count } = await tx.handoff.updateMany({
      where: { id: handoff.id, status: 'pending' },
      data: { status: 'cancelled', cancelledById: user.id, cancelledAt: now, cancelNote: input.note?.trim() || null },
    })
    const current = toWireHandoff(await tx.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude }))
    if (count === 0) throw handoffNotOpen(current)

    await tx.notification.updateMany({ where: { handoffId: handoff.id, kind: 'handoff_created', obsoleteAt: null }, data: { obsoleteAt: now } })
    await tx.chatSession.update({ where: { id: handoff.session_id }, data: { lastActivityAt: now } })
    record({
      type: 'handoff_cancelled',
      organizationId: user.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.session_id, cancelled_by: { id: user.id, name: user.name } },
    })
    return current
  })
}
