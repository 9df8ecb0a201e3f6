import { randomUUID } from 'node:crypto'
import { buildBriefing, type ClaimOption, type HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import { AppError, forbidden, notFound } from '../../errors.ts'
import { Prisma, type Handoff, type PrismaClient } from '../../generated/prisma/client.ts'
import type { DeclineReason } from '../../generated/prisma/enums.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { announce, eventsJson, toBusEvents, transactWithEvents, type EventRow, type Tx } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff, type HandoffRow } from '../../lib/wire.ts'
import type { NotifySettings } from '../../plugins/app/notify.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { handoffNotOpen } from './find-handoff.ts'
import { enqueueWebhookEvent, webhooksTaking } from '../webhooks/enqueue-webhook-event.ts'

/**
 * A senior picks up a pending handoff. One conditional UPDATE decides the race: Postgres
 * re-checks `status = 'pending'` after taking the row lock, so exactly one claimer gets the
 * row. Everyone else reads the winner and gets 409; the winner asking again gets 200.
 * With `ai_analysis` the senior's briefing (built from the assessment) and the
 * `answer-briefing` job that has the assistant answer it are written in the same transaction.
 *
 * Statements (test/db/statement-budget.test.ts): the usual claim (a senior, no webhook taking
 * the event, no briefing) is one statement, `writeClaim`, which returns the handoff for the
 * answer. When it writes nothing, the handoff is read to say why (404, 403, lost the race),
 * or to claim it in a transaction that also sends the webhook deliveries or the briefing.
 */
export async function claimHandoff(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue; notify: NotifySettings },
  input: { user: AuthUser; handoffId: string; option: ClaimOption },
): Promise<HandoffResponse> {
  const { user } = input
  if (isSenior(user.role) && input.option !== 'ai_analysis') {
    const won = await writeClaim(deps.prisma, user, input, { unlessWebhooks: true })
    if (won) {
      announce(deps, toBusEvents(won.events))
      return won.handoff
    }
  }

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

  // Webhook deliveries and the AI briefing are jobs, sent in the claim's transaction.
  return transactWithEvents(deps, async (tx, record, enqueue, wrote) => {
    const won = await writeClaim(tx, user, input, { unlessWebhooks: false })
    if (!won) return lost(user, await tx.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: handoffInclude }))
    wrote(won.events)
    await enqueueWebhookEvent(tx, enqueue, {
      organizationId: user.organizationId,
      event: 'handoff_claimed',
      handoff: won.handoff,
      publicUrl: deps.notify.publicUrl,
      webhooks: organization.webhooks,
    })
    if (input.option !== 'ai_analysis') return won.handoff
    const briefing = await tx.message.create({
      // Marked as being answered: the answer-briefing job writes the reply.
      data: { sessionId: handoff.sessionId, authorId: user.id, role: 'user', content: buildBriefing(won.handoff), answeringSince: won.claimedAt },
    })
    record({
      type: 'message_created',
      organizationId: user.organizationId,
      payload: { session_id: handoff.sessionId, message_id: briefing.id, author_id: user.id },
    })
    await enqueue('answer-briefing', { session_id: handoff.sessionId, message_id: briefing.id, user_id: user.id })
    return won.handoff
  })
}

type Db = PrismaClient | Tx

/** The handoff as the claim's statement returns it: its row, and its relations as JSON (see `handoffInclude`). */
type ClaimedRow = Handoff & {
  sessionTitle: string
  sessionStatus: 'open' | 'resolved'
  handedOffBy: { id: string; name: string }
  targetUser: { id: string; name: string } | null
  declines: Array<{ user: { id: string; name: string }; reason: DeclineReason; note: string | null; createdAt: string }>
  notifications: Array<{ kind: string; user: { id: string; name: string } }>
  events: EventRow[] | null
}

/**
 * The claim as one data-modifying CTE: the UPDATE, which wins only while the handoff is
 * pending, in the user's organization and not their own escalation (and, with
 * `unlessWebhooks`, while no webhook takes `handoff_claimed`: they need a transaction), and,
 * only if it won, the session's activity, the escalator's bell notification, the seniors'
 * notifications of the escalation settled, and both outbox events. It returns the claimed handoff with what the answer shows of its relations, read
 * in the same statement; null when it wrote nothing.
 */
// Named, not `*`: the statement is prepared once per connection, and a prepared `*` fails
// ("cached plan must not change result type") on a replica still running when a migration adds
// a column. A column the answer needs is added here by hand, like the rest of this statement.
const HANDOFF_COLUMN_LIST = [
  'id', 'organizationId', 'sessionId', 'handedOffById', 'targetUserId', 'note', 'status', 'createdAt',
  'claimedById', 'claimedAt', 'claimOption', 'assessmentStatus', 'assessment', 'assessmentError',
  'assessmentAttempts', 'assessedAt', 'cancelledById', 'cancelledAt', 'cancelNote', 'handedBackAt',
  'handBackNote', 'renotifiedAt', 'widenedAt',
] as const satisfies ReadonlyArray<keyof Handoff>
const HANDOFF_COLUMNS = Prisma.raw(HANDOFF_COLUMN_LIST.map((c) => `"${c}"`).join(', '))

async function writeClaim(
  db: Db,
  user: AuthUser,
  input: { handoffId: string; option: ClaimOption },
  { unlessWebhooks }: { unlessWebhooks: boolean },
): Promise<{ handoff: HandoffResponse; events: EventRow[]; claimedAt: Date } | null> {
  const claimedAt = new Date()
  // TIMESTAMP(3) columns hold UTC wall-clock time, as Prisma writes them (the Z is ignored).
  const at = claimedAt.toISOString()
  const notificationId = randomUUID()
  const ref = (alias: string) => Prisma.raw(`json_build_object('id', ${alias}."id", 'name', ${alias}."name")`)
  const [row] = await db.$queryRaw<ClaimedRow[]>`
    WITH "claimed" AS (
      UPDATE "Handoff" SET "status" = 'claimed', "claimedById" = ${user.id}, "claimedAt" = ${at}::timestamp,
        "claimOption" = ${input.option}::"ClaimOption"
      WHERE "id" = ${input.handoffId} AND "organizationId" = ${user.organizationId} AND "status" = 'pending'
        AND "handedOffById" <> ${user.id}
        ${unlessWebhooks ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "Webhook" w WHERE w."organizationId" = ${user.organizationId} AND w."events" @> '["handoff_claimed"]'::jsonb)` : Prisma.empty}
      RETURNING ${HANDOFF_COLUMNS}
    ), "session" AS (
      SELECT s."id", s."title", s."status" FROM "ChatSession" s WHERE s."id" IN (SELECT "sessionId" FROM "claimed")
    ), "touched" AS (
      UPDATE "ChatSession" SET "lastActivityAt" = ${at}::timestamp WHERE "id" IN (SELECT "sessionId" FROM "claimed")
    ), "notified" AS (
      INSERT INTO "Notification" ("id", "organizationId", "userId", "actorId", "handoffId", "sessionId", "kind", "title", "body", "createdAt")
      SELECT ${notificationId}, c."organizationId", c."handedOffById", ${user.id}, c."id", c."sessionId", 'handoff_claimed',
        ${`${user.name} picked up your escalation`}, s."title", ${at}::timestamp
      FROM "claimed" c JOIN "session" s ON s."id" = c."sessionId"
    ), "answered" AS (
      -- The escalation's calls to the seniors are answered: the claimer's is read, everyone
      -- else's no longer needed (the bell stops counting work somebody took).
      UPDATE "Notification" n SET
        "readAt" = CASE WHEN n."userId" = ${user.id} THEN coalesce(n."readAt", ${at}::timestamp) ELSE n."readAt" END,
        "obsoleteAt" = CASE WHEN n."userId" = ${user.id} THEN NULL ELSE ${at}::timestamp END
      WHERE n."handoffId" IN (SELECT "id" FROM "claimed") AND n."obsoleteAt" IS NULL
        AND n."kind" IN ('handoff_created', 'handoff_renotified', 'handoff_widened')
    ), "events" AS (
      INSERT INTO "Event" ("organizationId", "userId", "type", "payload", "createdAt")
      SELECT e."organizationId", e."userId", e."type", e."payload", ${at}::timestamp FROM (
        SELECT 1 AS ord, c."organizationId", NULL::text AS "userId", 'handoff_claimed' AS "type",
          jsonb_build_object('handoff_id', c."id", 'session_id', c."sessionId",
            'claimed_by', jsonb_build_object('id', ${user.id}::text, 'name', ${user.name}::text), 'claim_option', ${input.option}::text) AS "payload"
        FROM "claimed" c
        UNION ALL
        SELECT 2, c."organizationId", c."handedOffById", 'notification_created',
          jsonb_build_object('notification_id', ${notificationId}::text, 'session_id', c."sessionId")
        FROM "claimed" c
      ) e ORDER BY e.ord
      RETURNING "id", "organizationId", "userId", "type", "payload"
    )
    SELECT ${Prisma.raw(HANDOFF_COLUMN_LIST.map((c) => `c."${c}"`).join(', '))}, s."title" AS "sessionTitle", s."status" AS "sessionStatus",
      (SELECT ${ref('u')} FROM "User" u WHERE u."id" = c."handedOffById") AS "handedOffBy",
      (SELECT ${ref('u')} FROM "User" u WHERE u."id" = c."targetUserId") AS "targetUser",
      (SELECT coalesce(json_agg(json_build_object('user', ${ref('u')}, 'reason', d."reason", 'note', d."note", 'createdAt', d."createdAt") ORDER BY d."createdAt", d."id"), '[]')
        FROM "HandoffDecline" d JOIN "User" u ON u."id" = d."userId" WHERE d."handoffId" = c."id") AS "declines",
      (SELECT coalesce(json_agg(json_build_object('kind', n."kind", 'user', ${ref('u')}) ORDER BY n."createdAt", n."id"), '[]')
        FROM "Notification" n JOIN "User" u ON u."id" = n."userId"
        WHERE n."handoffId" = c."id" AND n."kind" IN ('handoff_created', 'handoff_renotified', 'handoff_widened')) AS "notifications",
      ${eventsJson} AS "events"
    FROM "claimed" c JOIN "session" s ON s."id" = c."sessionId"`
  if (!row) return null
  const { sessionTitle, sessionStatus, handedOffBy, targetUser, declines, notifications, events, ...claimed } = row
  const handoff = toWireHandoff({
    ...claimed,
    session: { title: sessionTitle, status: sessionStatus },
    handedOffBy,
    targetUser,
    claimedBy: { id: user.id, name: user.name },
    cancelledBy: null,
    // JSON built in SQL carries timestamps as text (UTC wall-clock time, without the Z).
    declines: declines.map((d) => ({ ...d, createdAt: new Date(`${d.createdAt}Z`) })),
    notifications,
  } as HandoffRow)
  return { handoff, events: events ?? [], claimedAt }
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
