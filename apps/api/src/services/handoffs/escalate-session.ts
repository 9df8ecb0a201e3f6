import { isWorkingSession } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { randomUUID } from 'node:crypto'
import { AppError } from '../../errors.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { toWireHandoff } from '../../lib/wire.ts'
import type { NotifySettings } from '../../plugins/app/notify.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSessionFor } from '../sessions/session-access.ts'
import { notifyUsers, recipientPrefs } from '../notifications/notify-users.ts'
import { escalationPolicyOf, policyColumns } from '../organization/get-escalation-policy.ts'
import { enqueueWebhookEvent, webhooksTaking } from '../webhooks/enqueue-webhook-event.ts'

export interface EscalateInput {
  sessionId: string
  note?: string
  targetUserId?: string
  idempotencyKey?: string
}

/**
 * Opens a handoff: the handoff, a notification for each senior it goes to, their outbox
 * events, the `assess-handoff` job, the escalation policy's two timers (`renotify-handoff`
 * and `widen-handoff`, sent for later), the e-mail, push and webhook deliveries, all in one
 * transaction. Returns at once; the job writes
 * the assessment in the background. With an Idempotency-Key a retried request returns the first answer
 * and creates nothing new.
 *
 * Statements (test/db/statement-budget.test.ts): the recipients are read once with their
 * notification settings, the escalation policy and the organization's webhooks for this
 * event; the answer is built
 * from the created row and what was read, not read back.
 */
export async function escalateSession(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue; notify: NotifySettings },
  user: AuthUser,
  input: EscalateInput,
): Promise<HandoffResponse> {
  const scope = `POST /api/sessions/${input.sessionId}/handoffs`
  if (input.idempotencyKey) {
    const previous = await replay(deps.prisma, user, input.idempotencyKey, scope)
    if (previous) return previous
  }
  // Who works the session escalates it (the shared write rule, which the toolbar follows too).
  const session = await findSessionFor(deps.prisma, user, input.sessionId, 'write', 'Only the people working this session can escalate it')
  const { users: recipients, webhooks, ...org } = await deps.prisma.organization.findUniqueOrThrow({
    where: { id: user.organizationId },
    select: {
      ...policyColumns,
      users: {
        where: { role: { in: ['senior', 'admin'] }, active: true, id: input.targetUserId ?? { not: user.id } },
        select: { ...recipientPrefs, name: true },
      },
      ...webhooksTaking('handoff_created'),
    },
  })
  const policy = escalationPolicyOf(org, deps.notify.escalationOverride)
  if (input.targetUserId && (recipients.length === 0 || input.targetUserId === user.id)) {
    throw new AppError(400, 'VALIDATION_FAILED', 'target_user_id must be a senior or admin of your organization')
  }

  try {
    return await transactWithEvents(deps, async (tx, record, enqueue) => {
      // The partial unique index "one pending handoff per session" turns a second open
      // handoff into P2002 (caught below), which also settles two escalations racing.
      const created = await tx.handoff.create({
        data: {
          organizationId: user.organizationId,
          sessionId: session.id,
          handedOffById: user.id,
          targetUserId: input.targetUserId ?? null,
          note: input.note?.trim() || null,
        },
      })
      await tx.chatSession.update({ where: { id: session.id }, data: { lastActivityAt: created.createdAt } })
      record({ type: 'handoff_created', organizationId: user.organizationId, payload: { handoff_id: created.id, session_id: session.id } })
      await enqueue('assess-handoff', { handoff_id: created.id })
      // Durable timers: they run then on whichever replica is up, and do nothing if the
      // handoff was claimed or cancelled in the meantime.
      await enqueue('renotify-handoff', { handoff_id: created.id }, { startAfter: policy.renotify_after_s })
      await enqueue('widen-handoff', { handoff_id: created.id }, { startAfter: policy.widen_after_s })
      await notifyUsers(tx, record, enqueue, deps.notify, {
        organizationId: user.organizationId,
        handoffId: created.id,
        sessionId: session.id,
        actorId: user.id,
        kind: 'handoff_created',
        title: `${user.name} escalated a session`,
        body: session.title,
        userIds: recipients.map((r) => r.id),
        prefs: recipients,
      })
      const me = { id: user.id, name: user.name }
      const ref = (u: { id: string; name: string }) => ({ id: u.id, name: u.name })
      const response = toWireHandoff({
        ...created,
        session: { title: session.title },
        handedOffBy: me,
        targetUser: input.targetUserId ? ref(recipients[0]!) : null,
        claimedBy: null,
        cancelledBy: null,
        declines: [],
        notifications: recipients.map((r) => ({ kind: 'handoff_created', user: ref(r) })),
      })
      await enqueueWebhookEvent(tx, enqueue, {
        organizationId: user.organizationId,
        event: 'handoff_created',
        handoff: response,
        publicUrl: deps.notify.publicUrl,
        webhooks,
      })
      if (input.idempotencyKey) {
        await tx.idempotencyKey.create({
          data: { userId: user.id, key: input.idempotencyKey, scope, responseStatus: 201, responseBody: response },
        })
      }
      return response
    })
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      // Either the same Idempotency-Key raced us (answer with the first request's result)
      // or another handoff of this session was opened at the same moment.
      const previous = input.idempotencyKey ? await replay(deps.prisma, user, input.idempotencyKey, scope) : null
      if (previous) return previous
      throw alreadyOpen(err)
    }
    throw err
  }
}

const alreadyOpen = (cause?: unknown) =>
  new AppError(409, 'HANDOFF_ALREADY_OPEN', 'This session is already escalated and waiting for a senior', undefined, { cause })

async function replay(prisma: PrismaClient, user: AuthUser, key: string, scope: string): Promise<HandoffResponse | null> {
  const row = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId: user.id, key } } })
  if (!row) return null
  if (row.scope !== scope) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request')
  }
  return row.responseBody as HandoffResponse
}
