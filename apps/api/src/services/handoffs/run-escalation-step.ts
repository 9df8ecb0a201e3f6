import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { NotifySettings } from '../../plugins/app/notify.ts'
import { notifyUsers, recipientPrefs } from '../notifications/notify-users.ts'
import { enqueueWebhookEvent } from '../webhooks/enqueue-webhook-event.ts'

export type EscalationStep = 'renotify' | 'widen'

/**
 * The `renotify-handoff` and `widen-handoff` jobs, sent for later by the escalation. If the
 * handoff is still pending, `renotify` tells the same seniors again and `widen` tells every
 * senior and admin of the organization (and the webhooks taking `handoff_unclaimed_widened`);
 * each writes its notifications and outbox event in one transaction.
 *
 * The step is marked done by one conditional UPDATE (`status = 'pending' AND <step>At IS
 * NULL`) in that transaction: a claim or cancel committed first makes it a no-op, and of two
 * runs (a crash after the commit, two replicas) the second finds it set, or waits for the
 * first's row lock and then finds it set, and sends nothing.
 */
export async function runEscalationStep(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue; notify: NotifySettings },
  input: { handoffId: string; step: EscalationStep },
): Promise<'done' | 'skipped'> {
  const column = input.step === 'renotify' ? 'renotifiedAt' : 'widenedAt'
  return transactWithEvents(deps, async (tx, record, enqueue) => {
    const { count } = await tx.handoff.updateMany({
      where: { id: input.handoffId, status: 'pending', [column]: null },
      data: { [column]: new Date() },
    })
    if (count === 0) return 'skipped'
    const handoff = await tx.handoff.findUniqueOrThrow({ where: { id: input.handoffId }, include: handoffInclude })

    // Renotify: the seniors the escalation went to who are still active; widen: every active senior and admin.
    const recipients = await tx.user.findMany({
      where:
        input.step === 'renotify'
          ? { id: { in: handoff.notifications.filter((n) => n.kind === 'handoff_created').map((n) => n.user.id) }, active: true }
          : { organizationId: handoff.organizationId, role: { in: ['senior', 'admin'] }, active: true, id: { not: handoff.handedOffById } },
      select: recipientPrefs,
    })
    const minutes = Math.max(1, Math.round((Date.now() - handoff.createdAt.getTime()) / 60_000))
    await notifyUsers(tx, record, enqueue, deps.notify, {
      organizationId: handoff.organizationId,
      handoffId: handoff.id,
      sessionId: handoff.sessionId,
      actorId: handoff.handedOffById,
      kind: input.step === 'renotify' ? 'handoff_renotified' : 'handoff_widened',
      title:
        input.step === 'renotify'
          ? `Still waiting: ${handoff.handedOffBy.name}'s escalation (${minutes} min)`
          : `Nobody has picked up ${handoff.handedOffBy.name}'s escalation (${minutes} min)`,
      body: handoff.session.title,
      createdAt: new Date(),
      recipients,
    })
    const payload = { handoff_id: handoff.id, session_id: handoff.sessionId }
    if (input.step === 'renotify') record({ type: 'handoff_renotified', organizationId: handoff.organizationId, payload })
    else {
      record({ type: 'handoff_widened', organizationId: handoff.organizationId, payload })
      await enqueueWebhookEvent(tx, enqueue, {
        organizationId: handoff.organizationId,
        event: 'handoff_unclaimed_widened',
        handoff: toWireHandoff(handoff),
        publicUrl: deps.notify.publicUrl,
      })
    }
    return 'done'
  })
}
