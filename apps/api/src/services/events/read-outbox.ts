import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { BusEvent } from '../../lib/bus.ts'

/**
 * Where a reader stands in the outbox. Rows are read in (txid, id) order and only below the
 * oldest transaction of this database still running (see `horizon`): every transaction under that line
 * has ended, so no row can appear there any more. New rows only ever land above it, so a
 * cursor in this order never skips a row that committed after a higher id, and never needs
 * to look back. (Ordering by id alone does: ids come from a sequence and transactions
 * commit out of id order.)
 */
export interface Position {
  txid: bigint
  id: bigint
}

export interface OutboxEvent extends BusEvent {
  position: Position
}

/**
 * Whose rows: an organization's, and of those, one user's own plus the organization's. A
 * junior (`wholeOrganization: false`) gets the organization's rows only about sessions they
 * started: they read no one else's (packages/shared session-rights.ts).
 */
export interface OutboxScope {
  organizationId: string
  userId: string
  wholeOrganization: boolean
}

export const START: Position = { txid: -1n, id: -1n }

export const isAfter = (a: Position, b: Position) => a.txid > b.txid || (a.txid === b.txid && a.id > b.id)

interface Row {
  id: bigint
  organizationId: string
  userId: string | null
  type: string
  payload: unknown
  txid: bigint
  startedById: string | null
}

/**
 * The commit-safe line: the oldest transaction of *this database* still running in the
 * statement's snapshot, or the snapshot's next xid. `pg_snapshot_xmin` alone is server-wide,
 * so any write transaction in another database on the same server would hold our events back.
 * An xid is left out only when `pg_stat_activity` shows it running in another database (a
 * backend is bound to one database, so that xid can never write here); an xid that ended in
 * between is kept, which only holds the line until the next read.
 */
const horizon = Prisma.sql`(
  SELECT LEAST(pg_snapshot_xmax(s)::text::bigint, (
    SELECT min(x::text::bigint) FROM pg_snapshot_xip(s) x
    WHERE (x::text::bigint % 4294967296) NOT IN (
      SELECT backend_xid::text::bigint FROM pg_stat_activity
      WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database())))
  FROM pg_current_snapshot() s)`
const scoped = (scope?: OutboxScope) =>
  !scope
    ? Prisma.empty
    : scope.wholeOrganization
      ? Prisma.sql`AND "organizationId" = ${scope.organizationId} AND ("userId" IS NULL OR "userId" = ${scope.userId})`
      : Prisma.sql`AND "organizationId" = ${scope.organizationId} AND ("userId" = ${scope.userId} OR ("userId" IS NULL AND "startedById" = ${scope.userId}))`

const toEvent = (r: Row): OutboxEvent => ({
  id: r.id.toString(),
  organizationId: r.organizationId,
  userId: r.userId,
  type: r.type,
  payload: r.payload,
  startedById: r.startedById,
  position: { txid: BigInt(r.txid), id: BigInt(r.id) },
})

/** The next committed rows after `after`, in commit-safe order (see Position). */
export async function readOutbox(
  prisma: PrismaClient,
  input: { after: Position; limit: number; scope?: OutboxScope },
): Promise<OutboxEvent[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT "id", "organizationId", "userId", "type", "payload", "txid", "startedById" FROM "Event"
    WHERE ("txid", "id") > (${input.after.txid}::bigint, ${input.after.id}::bigint) AND "txid" < ${horizon} ${scoped(input.scope)}
    ORDER BY "txid", "id" LIMIT ${input.limit}`
  return rows.map(toEvent)
}

/** Whether a reader at `after` is more than `than` rows behind (one index range scan, no rows read out). */
export async function isFurtherBehind(prisma: PrismaClient, input: { after: Position; than: number; scope?: OutboxScope }): Promise<boolean> {
  const rows = await prisma.$queryRaw<Array<{ id: bigint }>>`
    SELECT "id" FROM "Event"
    WHERE ("txid", "id") > (${input.after.txid}::bigint, ${input.after.id}::bigint) AND "txid" < ${horizon} ${scoped(input.scope)}
    ORDER BY "txid", "id" OFFSET ${input.than} LIMIT 1`
  return rows.length > 0
}

/** The last row a reader could have been given by now (null: none yet). */
export async function outboxHead(prisma: PrismaClient, scope?: OutboxScope): Promise<OutboxEvent | null> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT "id", "organizationId", "userId", "type", "payload", "txid", "startedById" FROM "Event"
    WHERE "txid" < ${horizon} ${scoped(scope)}
    ORDER BY "txid" DESC, "id" DESC LIMIT 1`
  return rows[0] ? toEvent(rows[0]) : null
}

/** Where the row `id` stands, if it is one of the scope's (null: unknown to this reader). */
export async function positionOf(prisma: PrismaClient, scope: OutboxScope, id: bigint): Promise<Position | null> {
  const row = await prisma.event.findFirst({
    where: {
      id,
      organizationId: scope.organizationId,
      OR: [{ userId: null, ...(scope.wholeOrganization ? {} : { startedById: scope.userId }) }, { userId: scope.userId }],
    },
    select: { id: true, txid: true },
  })
  return row ? { txid: row.txid, id: row.id } : null
}
