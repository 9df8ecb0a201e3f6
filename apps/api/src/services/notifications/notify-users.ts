import { randomUUID } from 'node:crypto'
import type { EnqueueJob, RecordEvent, Tx } from '../../lib/outbox.ts'

/** What notifyUsers needs to know of each recipient: select it with the recipients. */
export const recipientPrefs = { id: true, notifyEmail: true, notifyPush: true, pushSubscriptions: { select: { id: true } } } as const
export type RecipientPrefs = { id: string; notifyEmail: boolean; notifyPush: boolean; pushSubscriptions: Array<{ id: string }> }

/** Notifications about a pending handoff: the escalation and the policy's two reminders. */
export type HandoffNotificationKind = 'handoff_created' | 'handoff_renotified' | 'handoff_widened'

/**
 * Tells `userIds` about a handoff, inside the caller's transaction: a bell notification and
 * its `notification_created` event each, plus a `send-email` job for those with e-mail on
 * (when SMTP is configured) and a `send-push` job per browser subscribed by those with push
 * on. The jobs exist only if the transaction commits, and run off the request path.
 */
export async function notifyUsers(
  tx: Tx,
  record: RecordEvent,
  enqueue: EnqueueJob,
  settings: { emailEnabled: boolean },
  input: {
    organizationId: string
    handoffId: string
    sessionId: string
    actorId: string | null
    kind: HandoffNotificationKind
    title: string
    body: string
    userIds: string[]
    /** The recipients' notification settings, when the caller read them already (saves a query). */
    prefs?: RecipientPrefs[]
  },
): Promise<void> {
  if (input.userIds.length === 0) return
  const notifications = input.userIds.map((userId) => ({
    id: randomUUID(),
    organizationId: input.organizationId,
    userId,
    actorId: input.actorId,
    handoffId: input.handoffId,
    sessionId: input.sessionId,
    kind: input.kind,
    title: input.title,
    body: input.body,
  }))
  await tx.notification.createMany({ data: notifications })
  for (const n of notifications) {
    record({
      type: 'notification_created',
      organizationId: input.organizationId,
      userId: n.userId,
      payload: { notification_id: n.id, session_id: input.sessionId },
    })
  }
  const users = input.prefs ?? (await tx.user.findMany({ where: { id: { in: input.userIds } }, select: recipientPrefs }))
  const job = { handoff_id: input.handoffId, kind: input.kind }
  for (const user of users) {
    if (settings.emailEnabled && user.notifyEmail) await enqueue('send-email', { ...job, user_id: user.id })
    if (user.notifyPush) for (const s of user.pushSubscriptions) await enqueue('send-push', { ...job, subscription_id: s.id })
  }
}
