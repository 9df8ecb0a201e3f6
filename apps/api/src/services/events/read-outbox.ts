import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { BusEvent } from '../../lib/bus.ts'

/**
 * Where a reader stands in the outbox. Rows are read in (txid, id) order and only below the
 * oldest transaction still running (`pg_snapshot_xmin`): every transaction under that line
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

/** Whose rows: an organization's, and of those, one user's own plus everyone's. */
export interface OutboxScope {
  organizationId: string
  userId: string
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
}

const horizon = Prisma.sql`(pg_snapshot_xmin(pg_current_snapshot())::text::bigint)`
const scoped = (scope?: OutboxScope) =>
  scope ? Prisma.sql`AND "organizationId" = ${scope.organizationId} AND ("userId" IS NULL OR "userId" = ${scope.userId})` : Prisma.empty

const toEvent = (r: Row): OutboxEvent => ({
  id: r.id.toString(),
  organizationId: r.organizationId,
  userId: r.userId,
  type: r.type,
  payload: r.payload,
  position: { txid: BigInt(r.txid), id: BigInt(r.id) },
})

/** The next committed rows after `after`, in commit-safe order (see Position). */
export async function readOutbox(
  prisma: PrismaClient,
  input: { after: Position; limit: number; scope?: OutboxScope },
): Promise<OutboxEvent[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT "id", "organizationId", "userId", "type", "payload", "txid" FROM "Event"
    WHERE ("txid", "id") > (${input.after.txid}::bigint, ${input.after.id}::bigint) AND "txid" < ${horizon} ${scoped(input.scope)}
    ORDER BY "txid", "id" LIMIT ${input.limit}`
  return rows.map(toEvent)
}

/** The last row a reader could have been given by now (null: none yet). */
export async function outboxHead(prisma: PrismaClient, scope?: OutboxScope): Promise<OutboxEvent | null> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT "id", "organizationId", "userId", "type", "payload", "txid" FROM "Event"
    WHERE "txid" < ${horizon} ${scoped(scope)}
    ORDER BY "txid" DESC, "id" DESC LIMIT 1`
  return rows[0] ? toEvent(rows[0]) : null
}

/** Where the row `id` stands, if it is one of the scope's (null: unknown to this reader). */
export async function positionOf(prisma: PrismaClient, scope: OutboxScope, id: bigint): Promise<Position | null> {
  const row = await prisma.event.findFirst({
    where: { id, organizationId: scope.organizationId, OR: [{ userId: null }, { userId: scope.userId }] },
    select: { id: true, txid: true },
  })
  return row ? { txid: row.txid, id: row.id } : null
}
