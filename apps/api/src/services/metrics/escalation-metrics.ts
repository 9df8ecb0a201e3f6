import type { RootCause } from '@resolutionflow/shared/escalation-rules.ts'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { addStretches, type StretchFigures } from './period-figures.ts'

const DAY_MS = 24 * 60 * 60 * 1000

type Db = PrismaClient | Tx

/** Team figures for admins: escalations per day, time to claim and to assessment, options chosen, failures. */
export async function escalationMetrics(
  deps: { prisma: PrismaClient; driver: 'pglite' | 'postgres' },
  { user, ...range }: { user: AuthUser; from?: string; to?: string },
): Promise<EscalationMetrics> {
  if (user.role !== 'admin') throw forbidden('Team metrics are for admins')
  const to = range.to ? new Date(range.to) : new Date()
  const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * DAY_MS)
  if (from >= to) throw new AppError(400, 'VALIDATION_FAILED', '`from` must be before `to`')
  if (to.getTime() - from.getTime() > 366 * DAY_MS) throw new AppError(400, 'VALIDATION_FAILED', 'The range can span at most a year')

  const stretches = await periodStretches(deps, user.organizationId, from, to)
  const sum = addStretches(stretches, from)

  // Every day of the period, the quiet ones too.
  const byDay = new Map<string, { escalations: number; claimed: number }>()
  for (let d = startOfDay(from); d < to; d = new Date(d.getTime() + DAY_MS)) {
    const date = d.toISOString().slice(0, 10)
    byDay.set(date, sum.byDay.get(date) ?? { escalations: 0, claimed: 0 })
  }
  const rootCauses = [...sum.rootCauses].sort(([a, x], [b, y]) => y - x || (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    escalations: sum.escalations,
    claimed: sum.claimed,
    by_day: [...byDay].map(([date, v]) => ({ date, ...v })),
    time_to_claim_seconds: { median: round(sum.claim.discrete(0.5)), p90: round(sum.claim.discrete(0.9)) },
    time_to_assessment_seconds: { median: round(sum.assessment.discrete(0.5)), p90: round(sum.assessment.discrete(0.9)) },
    claim_options: { continue: sum.continue, ai_analysis: sum.ai_analysis, own: sum.own },
    assessment_failures: sum.failures,
    escalated_sessions: sum.sessions,
    resolved: sum.resolved,
    resolution_rate: rate(sum.resolved, sum.sessions),
    time_to_resolve_seconds: { median: round(sum.resolve.continuous(0.5)), p90: round(sum.resolve.continuous(0.9)) },
    cancelled: sum.cancelled,
    declines: { total: sum.declines.not_my_area + sum.declines.busy + sum.declines.other, by_reason: sum.declines },
    assessment_feedback: {
      rated: sum.feedback.rated,
      useful: sum.feedback.useful,
      usefulness_rate: rate(sum.feedback.useful, sum.feedback.rated),
      problems: { wrong_cause: sum.feedback.wrong_cause, missing_facts: sum.feedback.missing_facts, already_tried: sum.feedback.already_tried },
    },
    root_causes: rootCauses.map(([root_cause, count]) => ({ root_cause: root_cause as RootCause | null, count })),
  }
}

/** A day's figures are stored once it has been over for this long (no write of it can still be running). */
const SETTLED_MS = 60 * 60 * 1000

/**
 * The period in stretches: the whole days in it that are over, from `MetricsDay` (computed now
 * when missing or changed), and its edges, computed from the rows. So a period costs about the
 * same whatever its history: at most two partial days are read row by row.
 */
async function periodStretches(deps: { prisma: PrismaClient; driver: 'pglite' | 'postgres' }, organizationId: string, from: Date, to: Date) {
  const firstDay = startOfDay(new Date(from.getTime() + DAY_MS - 1))
  const storedEnd = new Date(Math.min(startOfDay(to).getTime(), startOfDay(new Date(Date.now() - SETTLED_MS)).getTime()))
  const stored = firstDay < storedEnd ? { from: firstDay, to: storedEnd } : null
  const edges = stored ? [[from, stored.from], [stored.to, to]].filter(([a, b]) => a! < b!) : [[from, to]]

  if (stored) await refreshDays(deps, organizationId, stored.from, stored.to)
  const days = stored ?? { from: to, to } // an empty range when nothing is stored
  const rows = await deps.prisma.$queryRaw<Array<{ figures: StretchFigures }>>`
    SELECT m."figures" AS figures FROM "MetricsDay" m
    WHERE m."organizationId" = ${organizationId} AND m."day" >= ${days.from.toISOString()}::timestamp AND m."day" < ${days.to.toISOString()}::timestamp
    UNION ALL
    SELECT metrics_figures(${organizationId}, (e->>0)::timestamp, (e->>1)::timestamp) AS figures
    FROM jsonb_array_elements(${JSON.stringify(edges.map((e) => e.map((d) => d!.toISOString())))}::jsonb) e`
  return rows.map((row) => row.figures)
}

/** Computes the stored days of [from, to) that are missing or changed since they were stored. */
async function refreshDays(deps: { prisma: PrismaClient; driver: 'pglite' | 'postgres' }, organizationId: string, from: Date, to: Date) {
  const stale = await deps.prisma.$queryRaw<Array<{ day: string }>>`
    SELECT to_char(d, 'YYYY-MM-DD') AS day
    FROM generate_series(${from.toISOString()}::timestamp, ${to.toISOString()}::timestamp - interval '1 day', interval '1 day') d
    WHERE NOT EXISTS (SELECT 1 FROM "MetricsDay" m WHERE m."organizationId" = ${organizationId} AND m."day" = d)
    UNION
    SELECT DISTINCT to_char(c."day", 'YYYY-MM-DD') AS day FROM "MetricsDayChange" c
    WHERE c."organizationId" = ${organizationId} AND c."day" >= ${from.toISOString()}::timestamp AND c."day" < ${to.toISOString()}::timestamp`
  if (stale.length === 0) return
  const days = JSON.stringify(stale.map((s) => s.day))
  // One statement, so the changes it deletes are exactly those its snapshot sees: a change
  // committed later keeps its row and the day is computed again next time.
  const compute = (db: Db) => db.$executeRaw`
    WITH days AS (SELECT d::timestamp AS day FROM jsonb_array_elements_text(${days}::jsonb) d),
    seen AS (DELETE FROM "MetricsDayChange" c USING days WHERE c."organizationId" = ${organizationId} AND c."day" = days.day)
    INSERT INTO "MetricsDay" ("organizationId", "day", "figures", "computedAt")
    SELECT ${organizationId}, day, metrics_figures(${organizationId}, day, day + interval '1 day'), now() AT TIME ZONE 'UTC' FROM days
    ON CONFLICT ("organizationId", "day") DO UPDATE SET "figures" = excluded."figures", "computedAt" = excluded."computedAt"`
  // The embedded database runs one statement at a time. On Postgres two reads computing a day
  // at once would race (the older snapshot could store last): they take turns per organization.
  if (deps.driver === 'pglite') return void (await compute(deps.prisma))
  await deps.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`metrics-days:${organizationId}`}))::text AS locked`
    await compute(tx)
  })
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000)

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
