import { randomUUID } from 'node:crypto'
import { buildBriefing, type ClaimOption, type HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import { AppError, forbidden, notFound } from '../../errors.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { announce, eventRowsIf, eventsJson, toBusEvents, transactWithEvents, type EventDraft, type EventRow, type Tx } from '../../lib/outbox.ts'
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
 * relations and the organization's webhooks for this event in the same statement; the claim
 * itself is one statement (`writeClaim`). The answer is the row read just before with the
 * claim's columns set (nobody else can write the claim in between; an assessment or a
 * decline landing in those milliseconds shows in the next read, not in this answer).
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

  const claimedAt = new Date()
  const by = { id: user.id, name: user.name }
  const wire = toWireHandoff({ ...handoff, status: 'claimed', claimedById: user.id, claimedAt, claimOption: input.option, claimedBy: by })
  const notificationId = randomUUID()
  const events: EventDraft[] = [
    {
      type: 'handoff_claimed',
      organizationId: user.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.sessionId, claimed_by: by, claim_option: input.option },
    },
    {
      type: 'notification_created',
      organizationId: user.organizationId,
      userId: handoff.handedOffById,
      payload: { notification_id: notificationId, session_id: handoff.sessionId },
    },
  ]
  const claim = {
    handoffId: handoff.id,
    userId: user.id,
    option: input.option,
    claimedAt,
    notification: { id: notificationId, title: `${user.name} picked up your escalation`, body: handoff.session.title },
  }
  const lostRace = async (db: Db) => lost(user, await db.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude }))

  // The usual claim is one statement: the conditional UPDATE with everything it implies.
  if (organization.webhooks.length === 0 && input.option !== 'ai_analysis') {
    const written = await writeClaim(deps.prisma, claim, events)
    if (!written) return lostRace(deps.prisma)
    announce(deps, toBusEvents(written))
    return wire
  }
  // Webhook deliveries and the AI briefing are jobs, sent in the claim's transaction.
  return transactWithEvents(deps, async (tx, record, enqueue, wrote) => {
    const written = await writeClaim(tx, claim, events)
    if (!written) return lostRace(tx)
    wrote(written)
    await enqueueWebhookEvent(tx, enqueue, {
      organizationId: user.organizationId,
      event: 'handoff_claimed',
      handoff: wire,
      publicUrl: deps.notify.publicUrl,
      webhooks: organization.webhooks,
    })
    if (input.option !== 'ai_analysis') return wire
    const briefing = await tx.message.create({
      // Marked as being answered: the answer-briefing job writes the reply.
      data: { sessionId: handoff.sessionId, authorId: user.id, role: 'user', content: buildBriefing(wire), answeringSince: claimedAt },
    })
    record({
      type: 'message_created',
      organizationId: user.organizationId,
      payload: { session_id: handoff.sessionId, message_id: briefing.id, author_id: user.id },
    })
    await enqueue('answer-briefing', { session_id: handoff.sessionId, message_id: briefing.id, user_id: user.id })
    return wire
  })
}

type Db = PrismaClient | Tx

/**
 * The claim as one data-modifying CTE: the UPDATE that wins only while the handoff is
 * pending and, only if it won, the session's activity, the escalator's bell notification
 * and `events`. Returns the written events (for `announce`), or null when the race was lost.
 */
async function writeClaim(
  db: Db,
  c: { handoffId: string; userId: string; option: ClaimOption; claimedAt: Date; notification: { id: string; title: string; body: string } },
  events: EventDraft[],
): Promise<EventRow[] | null> {
  // TIMESTAMP(3) columns hold UTC wall-clock time, as Prisma writes them (the Z is ignored).
  const at = c.claimedAt.toISOString()
  const [row] = await db.$queryRaw<Array<{ won: boolean; events: EventRow[] | null }>>`
    WITH "claimed" AS (
      UPDATE "Handoff" SET "status" = 'claimed', "claimedById" = ${c.userId}, "claimedAt" = ${at}::timestamp,
        "claimOption" = ${c.option}::"ClaimOption"
      WHERE "id" = ${c.handoffId} AND "status" = 'pending'
      RETURNING "id", "sessionId", "organizationId", "handedOffById"
    ), "touched" AS (
      UPDATE "ChatSession" SET "lastActivityAt" = ${at}::timestamp WHERE "id" IN (SELECT "sessionId" FROM "claimed")
    ), "notified" AS (
      INSERT INTO "Notification" ("id", "organizationId", "userId", "actorId", "handoffId", "sessionId", "kind", "title", "body", "createdAt")
      SELECT ${c.notification.id}, "organizationId", "handedOffById", ${c.userId}, "id", "sessionId", 'handoff_claimed',
        ${c.notification.title}, ${c.notification.body}, ${at}::timestamp
      FROM "claimed"
    )${events.length ? Prisma.sql`, "events" AS (${eventRowsIf('claimed', events)})` : Prisma.empty}
    SELECT EXISTS (SELECT 1 FROM "claimed") AS "won", ${events.length ? eventsJson : Prisma.sql`NULL`} AS "events"`
  return row?.won ? (row.events ?? []) : null
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
