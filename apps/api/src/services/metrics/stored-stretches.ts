import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import { joinHalves, type StretchFigures } from './period-figures.ts'
import type { Stretch } from './split-period.ts'

type Deps = { prisma: PrismaClient; driver: 'pglite' | 'postgres' }
type Db = PrismaClient | Tx

const HOUR_MS = 60 * 60 * 1000
/** Stretches computed from the rows per transaction: a fortnight's rows at most, so none outlasts its timeout. */
const FROM_ROWS_PER_TURN = 16

/**
 * Brings `stretches` up to date in `MetricsFigures`: those missing or changed since they were
 * stored. A day or less is computed from its rows; a longer stretch is joined from its two
 * halves (brought up to date first), so a change to one old escalation costs a day's rows and a
 * join per size above it, not a recompute of every row of a 256-day stretch.
 */
export async function refreshStored(deps: Deps, organizationId: string, stretches: Stretch[]) {
  // Most reads find everything stored and current: they take no lock.
  if ((await staleOf(deps.prisma, organizationId, stretches)).length === 0) return
  const { fromRows, joined } = await inTurn(deps, organizationId, (tx) => plan(tx, organizationId, stretches))
  // Each turn looks again at what is stale: a read that waited for another's turn finds most of
  // its plan done, and recomputing it all again made concurrent reads of a big history take
  // seconds each.
  for (let i = 0; i < fromRows.length; i += FROM_ROWS_PER_TURN) {
    await inTurn(deps, organizationId, async (tx) => {
      const stale = await staleOf(tx, organizationId, fromRows.slice(i, i + FROM_ROWS_PER_TURN))
      if (stale.length > 0) await computeFromRows(tx, organizationId, stale)
    })
  }
  if (joined.length > 0) await inTurn(deps, organizationId, (tx) => joinStored(tx, organizationId, joined))
}

/**
 * Two reads computing one stretch at once would race (the older snapshot could store last), so
 * on Postgres they take turns per organization; `pruneStoredFigures` takes the same lock. The
 * embedded database runs one transaction at a time.
 */
function inTurn<T>(deps: Deps, organizationId: string, work: (tx: Tx) => Promise<T>) {
  return deps.prisma.$transaction(async (tx) => {
    if (deps.driver === 'postgres') await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`metrics-figures:${organizationId}`}))::text AS locked`
    return work(tx)
  })
}

const halves = (s: Stretch): Stretch[] => {
  const hours = s.hours / 2
  return [
    { hours, start: s.start },
    { hours, start: new Date(s.start.getTime() + hours * HOUR_MS) },
  ]
}

// Listed as JSON, not by generate_series: the planner cannot count such rows, and its guess
// (thousands) made a check like this costly enough for Postgres to JIT-compile it (270 ms).
const asJson = (list: Stretch[]) => JSON.stringify(list.map((s) => [s.hours, s.start.toISOString()]))

/** Those of `list` missing from `MetricsFigures` or with a change logged since they were stored. */
async function staleOf(db: Db, organizationId: string, list: Stretch[]) {
  const rows = await db.$queryRaw<Array<{ i: number }>>`
    WITH wanted AS (
      SELECT (s.i - 1)::int AS i, (s.u->>0)::int AS hours, (s.u->>1)::timestamp AS start
      FROM jsonb_array_elements(${asJson(list)}::jsonb) WITH ORDINALITY s(u, i)
    )
    SELECT w.i FROM wanted w
    WHERE NOT EXISTS (SELECT 1 FROM "MetricsFigures" m WHERE m."organizationId" = ${organizationId} AND m."hours" = w.hours AND m."start" = w.start)
       OR EXISTS (SELECT 1 FROM "MetricsChange" c WHERE c."organizationId" = ${organizationId} AND c."hours" = w.hours AND c."start" = w.start)`
  return rows.map((row) => list[row.i]!)
}

/** What is stale, down every stale half: the days and hours to compute from rows, and the longer stretches to join, shortest first. */
async function plan(db: Db, organizationId: string, stretches: Stretch[]) {
  const fromRows: Stretch[] = []
  const joined: Stretch[] = []
  for (let look = stretches; look.length > 0; ) {
    const stale = await staleOf(db, organizationId, look)
    fromRows.push(...stale.filter((s) => s.hours <= 24))
    const long = stale.filter((s) => s.hours > 24)
    joined.push(...long)
    look = long.flatMap(halves)
  }
  return { fromRows, joined: joined.sort((a, b) => a.hours - b.hours) }
}

/**
 * One statement, so the changes it deletes are exactly those its snapshot sees: a change
 * committed later keeps its row and the stretch is computed again next time.
 */
function computeFromRows(db: Db, organizationId: string, list: Stretch[]) {
  return db.$executeRaw`
    WITH units AS (SELECT (u->>0)::int AS hours, (u->>1)::timestamp AS start FROM jsonb_array_elements(${asJson(list)}::jsonb) u),
    seen AS (
      DELETE FROM "MetricsChange" c USING units
      WHERE c."organizationId" = ${organizationId} AND c."hours" = units.hours AND c."start" = units.start
    )
    INSERT INTO "MetricsFigures" ("organizationId", "hours", "start", "figures", "computedAt")
    SELECT ${organizationId}, hours, start, metrics_figures(${organizationId}, start, start + make_interval(hours => hours)), now() AT TIME ZONE 'UTC'
    FROM units
    ON CONFLICT ("organizationId", "hours", "start") DO UPDATE SET "figures" = excluded."figures", "computedAt" = excluded."computedAt"`
}

/**
 * Joins those of `list` (shortest first) still stale from their stored halves, a size at a time:
 * the halves of one size are the wholes of the size before. Exported for the race test.
 */
export async function joinStored(db: Db, organizationId: string, list: Stretch[]) {
  for (const hours of new Set(list.map((s) => s.hours))) {
    const wholes = await staleOf(db, organizationId, list.filter((s) => s.hours === hours))
    if (wholes.length === 0) continue
    const parts = wholes.flatMap(halves)
    const rows = await db.$queryRaw<Array<{ i: number; figures: StretchFigures }>>`
      SELECT (s.i - 1)::int AS i, m."figures" AS figures
      FROM jsonb_array_elements(${asJson(parts)}::jsonb) WITH ORDINALITY s(u, i)
      JOIN "MetricsFigures" m ON m."organizationId" = ${organizationId} AND m."hours" = (s.u->>0)::int AND m."start" = (s.u->>1)::timestamp`
    const figures = new Map(rows.map((row) => [row.i, row.figures]))
    if (figures.size !== parts.length) throw new Error('metrics: a half of a stretch is not stored')
    const joined = wholes.map((s, i) => [s.hours, s.start.toISOString(), joinHalves(figures.get(2 * i)!, figures.get(2 * i + 1)!, s.start)])
    // A whole's changes are taken in only if neither half has one pending: a change to a half
    // since it was read (or computed) was logged to the whole too, and its join missed it. A
    // whole whose half has one is logged as changed here as well: the purge may have dropped the
    // whole's own change while it was not stored yet, and it would be stored stale for good.
    // One probe per half, each an index lookup (an IN over both starts became a filter).
    await db.$executeRaw`
      WITH wholes AS MATERIALIZED (
        SELECT (u->>0)::int AS hours, (u->>1)::timestamp AS start, u->2 AS figures,
          NOT EXISTS (
            SELECT 1 FROM "MetricsChange" c
            WHERE c."organizationId" = ${organizationId} AND c."hours" = (u->>0)::int / 2 AND c."start" = (u->>1)::timestamp)
          AND NOT EXISTS (
            SELECT 1 FROM "MetricsChange" c
            WHERE c."organizationId" = ${organizationId} AND c."hours" = (u->>0)::int / 2
              AND c."start" = (u->>1)::timestamp + make_interval(hours => (u->>0)::int / 2)) AS settled
        FROM jsonb_array_elements(${JSON.stringify(joined)}::jsonb) u
      ),
      seen AS (
        DELETE FROM "MetricsChange" c USING wholes w
        WHERE w.settled AND c."organizationId" = ${organizationId} AND c."hours" = w.hours AND c."start" = w.start
      ),
      still AS (
        INSERT INTO "MetricsChange" ("organizationId", "hours", "start")
        SELECT ${organizationId}, w.hours, w.start FROM wholes w WHERE NOT w.settled
      )
      INSERT INTO "MetricsFigures" ("organizationId", "hours", "start", "figures", "computedAt")
      SELECT ${organizationId}, w.hours, w.start, w.figures, now() AT TIME ZONE 'UTC' FROM wholes w
      ON CONFLICT ("organizationId", "hours", "start") DO UPDATE SET "figures" = excluded."figures", "computedAt" = excluded."computedAt"`
  }
}
