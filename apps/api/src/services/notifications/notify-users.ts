import { randomUUID } from 'node:crypto'
import type { JobName, JobPayloads } from '../../lib/job-queue.ts'
import type { EnqueueJob, EventDraft, RecordEvent, Tx } from '../../lib/outbox.ts'

/** What notifyUsers needs to know of each recipient: select it with the recipients. */
export const recipientPrefs = { id: true, notifyEmail: true, notifyPush: true, pushSubscriptions: { select: { id: true } } } as const
export type RecipientPrefs = { id: string; notifyEmail: boolean; notifyPush: boolean; pushSubscriptions: Array<{ id: string }> }

/** Notifications about a pending handoff: the escalation and the policy's two reminders. */
export type HandoffNotificationKind = 'handoff_created' | 'handoff_renotified' | 'handoff_widened'

export interface NotifyInput {
  organizationId: string
  handoffId: string
  sessionId: string
  actorId: string | null
  kind: HandoffNotificationKind
  title: string
  body: string
  createdAt: Date
  /** The recipients with their notification settings (select `recipientPrefs` with them). */
  recipients: RecipientPrefs[]
}

/**
 * What telling `recipients` about a handoff writes: a bell notification and its
 * `notification_created` event each, plus a `send-email` job for those with e-mail on (when
 * SMTP is configured) and a `send-push` job per browser subscribed by those with push on.
 * The caller writes it in its transaction (`notifyUsers`, or escalate's one statement), so
 * the jobs exist only if it commits, and run off the request path.
 */
export function planNotifications(settings: { emailEnabled: boolean }, input: NotifyInput) {
  const rows = input.recipients.map((user) => ({
    id: randomUUID(),
    organizationId: input.organizationId,
    userId: user.id,
    actorId: input.actorId,
    handoffId: input.handoffId,
    sessionId: input.sessionId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    createdAt: input.createdAt,
  }))
  const events = rows.map(
    (n): EventDraft<'notification_created'> => ({
      type: 'notification_created',
      organizationId: input.organizationId,
      userId: n.userId,
      payload: { notification_id: n.id, session_id: input.sessionId },
    }),
  )
  const job = { handoff_id: input.handoffId, kind: input.kind }
  const jobs: Array<JobSpec<'send-email'> | JobSpec<'send-push'>> = []
  for (const user of input.recipients) {
    if (settings.emailEnabled && user.notifyEmail) jobs.push({ name: 'send-email', data: { ...job, user_id: user.id } })
    if (user.notifyPush) for (const s of user.pushSubscriptions) jobs.push({ name: 'send-push', data: { ...job, subscription_id: s.id } })
  }
  return { rows, events, jobs }
}

type JobSpec<N extends JobName> = { name: N; data: JobPayloads[N] }

/** `planNotifications` written inside the caller's transaction. */
export async function notifyUsers(
  tx: Tx,
  record: RecordEvent,
  enqueue: EnqueueJob,
  settings: { emailEnabled: boolean },
  input: NotifyInput,
): Promise<void> {
  if (input.recipients.length === 0) return
  const { rows, events, jobs } = planNotifications(settings, input)
  await tx.notification.createMany({ data: rows })
  for (const event of events) record(event)
  for (const job of jobs) await enqueue(job.name, job.data as never)
}
