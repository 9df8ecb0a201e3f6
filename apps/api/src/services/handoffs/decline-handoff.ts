import { canDecline, DECLINE_REASON_LABELS, type DeclineReason } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import { randomUUID } from 'node:crypto'
import { forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findHandoff, handoffNotOpen } from './find-handoff.ts'

/**
 * A senior it was sent to says "not mine", with a reason. The handoff stays pending: a
 * targeted escalation declined by its target goes to every other senior (each notified),
 * one sent to everyone just leaves the decliner's queue. The one who escalated is told who
 * declined and why. Declining again edits the reason and notifies nobody.
 */
export async function declineHandoff(
  deps: { prisma: PrismaClient; bus: Bus },
  input: { user: AuthUser; handoffId: string; reason: DeclineReason; note?: string },
): Promise<HandoffResponse> {
  const { user } = input
  const row = await findHandoff(deps.prisma, user, input.handoffId)
  const handoff = toWireHandoff(row)
  if (!isSenior(user.role) || handoff.handed_off_by.id === user.id) throw forbidden('Only a senior this escalation was sent to can decline it')
  if (handoff.target_user && handoff.target_user.id !== user.id) throw forbidden(`This escalation was sent to ${handoff.target_user.name}`)
  if (!canDecline(user, handoff)) throw handoffNotOpen(handoff)
  const note = input.note?.trim() || null
  const widened = handoff.target_user !== null

  return transactWithEvents(deps, async (tx, record) => {
    const now = new Date()
    // Conditional on the handoff still waiting (and still targeted as read): racing a claim or
    // a cancel, exactly one of them changes the row. Clearing the target is what widens it.
    const { count } = await tx.handoff.updateMany({
      where: { id: handoff.id, status: 'pending', targetUserId: row.targetUserId },
      data: { targetUserId: null },
    })
    if (count === 0) {
      throw handoffNotOpen(toWireHandoff(await tx.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude })))
    }
    const earlier = await tx.handoffDecline.findUnique({ where: { handoffId_userId: { handoffId: handoff.id, userId: user.id } } })
    await tx.handoffDecline.upsert({
      where: { handoffId_userId: { handoffId: handoff.id, userId: user.id } },
      create: { handoffId: handoff.id, userId: user.id, reason: input.reason, note },
      update: { reason: input.reason, note },
    })
    await tx.notification.updateMany({ where: { handoffId: handoff.id, userId: user.id, obsoleteAt: null }, data: { obsoleteAt: now } })
    record({
      type: 'handoff_declined',
      organizationId: user.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.session_id, declined_by: { id: user.id, name: user.name }, reason: input.reason, widened },
    })
    if (!earlier) {
      const reason = `${DECLINE_REASON_LABELS[input.reason]}${note ? `: ${note}` : ''}`
      const notifications = [
        {
          userId: handoff.handed_off_by.id,
          actorId: user.id,
          kind: 'handoff_declined',
          title: `${user.name} declined your escalation`,
          body: widened ? `${reason}. It now goes to every senior.` : reason,
        },
      ]
      if (widened) {
        const declined = await tx.handoffDecline.findMany({ where: { handoffId: handoff.id }, select: { userId: true } })
        const others = await tx.user.findMany({
          where: {
            organizationId: user.organizationId,
            role: { in: ['senior', 'admin'] },
            active: true,
            id: { notIn: [handoff.handed_off_by.id, ...declined.map((d) => d.userId)] },
          },
          select: { id: true },
        })
        for (const senior of others) {
          notifications.push({
            userId: senior.id,
            actorId: handoff.handed_off_by.id,
            kind: 'handoff_created',
            title: `${handoff.handed_off_by_name} escalated a session`,
            body: handoff.session_title,
          })
        }
      }
      const rows = notifications.map((n) => ({ ...n, id: randomUUID(), organizationId: user.organizationId, handoffId: handoff.id, sessionId: handoff.session_id }))
      await tx.notification.createMany({ data: rows })
      for (const n of rows) {
        record({ type: 'notification_created', organizationId: user.organizationId, userId: n.userId, payload: { notification_id: n.id, session_id: handoff.session_id } })
      }
    }
    return toWireHandoff(await tx.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude }))
  })
}
