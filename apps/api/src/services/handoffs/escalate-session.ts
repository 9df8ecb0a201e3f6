import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { randomUUID } from 'node:crypto'
import { AppError } from '../../errors.ts'
import { Prisma, type Handoff, type PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { eventRowsIf, eventsJson, transactWithEvents, type EventDraft, type EventRow, type Tx } from '../../lib/outbox.ts'
import { toWireHandoff } from '../../lib/wire.ts'
import type { NotifySettings } from '../../plugins/app/notify.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { allowedSession, latestHandoff } from '../sessions/session-access.ts'
import { planNotifications, recipientPrefs } from '../notifications/notify-users.ts'
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
 * transaction. Returns at once; the job writes the assessment in the background. With an
 * Idempotency-Key a retried request returns the first answer and creates nothing new.
 *
 * Statements (test/db/statement-budget.test.ts): one read (the session with its latest
 * handoff, and its organization's policy, recipients with their notification settings and
 * webhooks for this event), then in the transaction two statements for the rows
 * (`writeEscalation`) and one for the jobs. The answer is built from what was read and the
 * values written, not read back.
 */
export async function escalateSession(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue; notify: NotifySettings },
  input: EscalateInput & { user: AuthUser },
): Promise<HandoffResponse> {
  const { user } = input
  const scope = `POST /api/sessions/${input.sessionId}/handoffs`
  if (input.idempotencyKey) {
    const previous = await replay(deps.prisma, user, input.idempotencyKey, scope)
    if (previous) return previous
  }
  const found = await deps.prisma.chatSession.findFirst({
    where: { id: input.sessionId, organizationId: user.organizationId },
    include: {
      ...latestHandoff,
      organization: {
        select: {
          ...policyColumns,
          users: {
            where: { role: { in: ['senior', 'admin'] }, active: true, id: input.targetUserId ?? { not: user.id } },
            select: { ...recipientPrefs, name: true },
          },
          ...webhooksTaking('handoff_created'),
        },
      },
    },
  })
  // Who works the session escalates it (the shared write rule, which the toolbar follows too).
  const { organization, ...session } = allowedSession(user, found, 'write', 'Only the people working this session can escalate it')
  const { users: recipients, webhooks } = organization
  if (session.status !== 'open') throw sessionResolved()
  const policy = escalationPolicyOf(organization, deps.notify.escalationOverride)
  if (input.targetUserId && (recipients.length === 0 || input.targetUserId === user.id)) {
    throw new AppError(400, 'VALIDATION_FAILED', 'target_user_id must be a senior or admin of your organization')
  }

  // The row as the database would default it: the answer and the idempotency record are built before the write.
  const created: Handoff = {
    id: randomUUID(),
    organizationId: user.organizationId,
    sessionId: session.id,
    handedOffById: user.id,
    targetUserId: input.targetUserId ?? null,
    note: input.note?.trim() || null,
    status: 'pending',
    createdAt: new Date(),
    claimedById: null,
    claimedAt: null,
    claimOption: null,
    assessmentStatus: 'pending',
    assessment: null,
    assessmentError: null,
    assessmentAttempts: 0,
    assessedAt: null,
    cancelledById: null,
    cancelledAt: null,
    cancelNote: null,
    handedBackAt: null,
    handBackNote: null,
    renotifiedAt: null,
    widenedAt: null,
  }
  const ref = (u: { id: string; name: string }) => ({ id: u.id, name: u.name })
  const response = toWireHandoff({
    ...created,
    session: { title: session.title, status: 'open' },
    handedOffBy: ref(user),
    targetUser: input.targetUserId ? ref(recipients[0]!) : null,
    claimedBy: null,
    cancelledBy: null,
    declines: [],
    notifications: recipients.map((r) => ({ kind: 'handoff_created', user: ref(r) })),
  })
  const notifications = planNotifications(deps.notify, {
    organizationId: user.organizationId,
    handoffId: created.id,
    sessionId: session.id,
    actorId: user.id,
    kind: 'handoff_created',
    title: `${user.name} escalated a session`,
    body: session.title,
    createdAt: created.createdAt,
    recipients,
  })
  const events: EventDraft[] = [
    { type: 'handoff_created', organizationId: user.organizationId, payload: { handoff_id: created.id, session_id: session.id } },
    ...notifications.events,
  ]
  const remembered = input.idempotencyKey ? { userId: user.id, key: input.idempotencyKey, scope, responseBody: response } : null

  try {
    return await transactWithEvents(deps, async (tx, _record, enqueue, wrote) => {
      const written = await writeEscalation(tx, created, notifications.rows, events, remembered)
      // Resolved since it was read: the rollback takes the rows back, and no job is sent.
      if (!written) throw sessionResolved()
      wrote(written)
      await enqueue('assess-handoff', { handoff_id: created.id })
      // Durable timers: they run then on whichever replica is up, and do nothing if the
      // handoff was claimed or cancelled in the meantime.
      await enqueue('renotify-handoff', { handoff_id: created.id }, { startAfter: policy.renotify_after_s })
      await enqueue('widen-handoff', { handoff_id: created.id }, { startAfter: policy.widen_after_s })
      for (const job of notifications.jobs) await enqueue(job.name, job.data as never)
      await enqueueWebhookEvent(tx, enqueue, {
        organizationId: user.organizationId,
        event: 'handoff_created',
        handoff: response,
        publicUrl: deps.notify.publicUrl,
        webhooks,
      })
      return response
    })
  } catch (err) {
    if (isUniqueViolation(err)) {
      // Either the same Idempotency-Key raced us (answer with the first request's result)
      // or another handoff of this session was opened at the same moment.
      const previous = input.idempotencyKey ? await replay(deps.prisma, user, input.idempotencyKey, scope) : null
      if (previous) return previous
      throw alreadyOpen(err)
    }
    throw err
  }
}

/**
 * The escalation's rows: one data-modifying statement for the handoff, the notifications, the
 * outbox rows and the Idempotency-Key's answer, then the session's activity, written only while
 * the session is open; null when it is not (the caller rolls back). The session comes second,
 * as in every other write of a handoff (cancel, claim, hand back: the handoff, then its
 * session): the other order deadlocked with a cancel of the session's pending handoff, which
 * the new row's unique index waits for. A resolve that got the session first makes this
 * UPDATE wait and then find it resolved; one that comes after waits for this commit and finds
 * the pending handoff (`resolveSession`). The partial unique index "one pending handoff per
 * session" fails the first statement when another handoff of the session is open, which also
 * settles two escalations racing.
 */
async function writeEscalation(
  tx: Tx,
  h: Handoff,
  notifications: ReturnType<typeof planNotifications>['rows'],
  events: EventDraft[],
  remembered: { userId: string; key: string; scope: string; responseBody: HandoffResponse } | null,
): Promise<EventRow[] | null> {
  // TIMESTAMP(3) columns hold UTC wall-clock time, as Prisma writes them (the Z is ignored).
  const at = h.createdAt.toISOString()
  const [row] = await tx.$queryRaw<Array<{ events: EventRow[] | null }>>`
    WITH "created" AS (
      INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById", "targetUserId", "note", "createdAt")
      VALUES (${h.id}, ${h.organizationId}, ${h.sessionId}, ${h.handedOffById}, ${h.targetUserId}, ${h.note}, ${at}::timestamp)
      RETURNING "id"
    ), "notified" AS (
      INSERT INTO "Notification" ("id", "organizationId", "userId", "actorId", "handoffId", "sessionId", "kind", "title", "body", "createdAt")
      SELECT n."id", n."organizationId", n."userId", n."actorId", n."handoffId", n."sessionId", n."kind", n."title", n."body", n."createdAt"
      FROM jsonb_populate_recordset(NULL::"Notification", ${JSON.stringify(notifications)}::jsonb) AS n
    )${
      remembered
        ? Prisma.sql`, "remembered" AS (
      INSERT INTO "IdempotencyKey" ("userId", "key", "scope", "responseStatus", "responseBody", "createdAt")
      VALUES (${remembered.userId}, ${remembered.key}, ${remembered.scope}, 201, ${JSON.stringify(remembered.responseBody)}::jsonb, ${at}::timestamp)
    )`
        : Prisma.empty
    }, "events" AS (${eventRowsIf('created', events)})
    SELECT ${eventsJson} AS "events"`
  const { count } = await tx.chatSession.updateMany({ where: { id: h.sessionId, status: 'open' }, data: { lastActivityAt: h.createdAt } })
  if (count === 0) return null
  return row?.events ?? []
}

/** A unique index refused the write: P2002 from Prisma's own queries; from a raw statement P2010 with the driver's kind. */
function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false
  const cause = (err.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause
  return err.code === 'P2002' || (err.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation')
}

const sessionResolved = () =>
  new AppError(409, 'SESSION_ALREADY_RESOLVED', 'This session is resolved: reopen it to escalate it again')

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
