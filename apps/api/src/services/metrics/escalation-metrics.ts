import type { RootCause } from '@resolutionflow/shared/escalation-rules.ts'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { addStretches, type StretchFigures } from './period-figures.ts'
import { splitPeriod, startOfDay } from './split-period.ts'
import { refreshStored } from './stored-stretches.ts'

const DAY_MS = 24 * 60 * 60 * 1000

type Deps = { prisma: PrismaClient; driver: 'pglite' | 'postgres' }

/** Team figures for admins: escalations per day, time to claim and to assessment, options chosen, failures. */
export async function escalationMetrics(
  deps: Deps,
  { user, ...range }: { user: AuthUser; from?: string; to?: string },
): Promise<EscalationMetrics> {
  if (user.role !== 'admin') throw forbidden('Team metrics are for admins')
  const now = await databaseNow(deps.prisma)
  const to = range.to ? new Date(range.to) : now
  const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * DAY_MS)
  if (from >= to) throw new AppError(400, 'VALIDATION_FAILED', '`from` must be before `to`')
  if (to.getTime() - from.getTime() > 366 * DAY_MS) throw new AppError(400, 'VALIDATION_FAILED', 'The range can span at most a year')

  const stretches = await periodStretches(deps, user.organizationId, from, to, now)
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

/**
 * The database's clock, not this process's: its triggers decide by it which stretches are over
 * (and log their changes), so a stretch is stored only once it is over by the same clock. With
 * the app's, a replica whose clock ran ahead could store an hour that writes still land in
 * unlogged, and keep it stale for good.
 */
async function databaseNow(prisma: PrismaClient) {
  const [row] = await prisma.$queryRaw<Array<{ ms: number }>>`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`
  return new Date(row!.ms)
}

/**
 * The period's figures in stretches: its whole past days and hours from `MetricsFigures`
 * (computed now when missing or changed), the rest from the rows. So a period costs about the
 * same whatever its history: at most a couple of hours are read row by row.
 */
async function periodStretches(deps: Deps, organizationId: string, from: Date, to: Date, now: Date) {
  const { stored, live } = splitPeriod(from, to, now)
  if (stored.length > 0) await refreshStored(deps, organizationId, stored)
  const stretches = JSON.stringify(stored.map((s) => [s.hours, s.start.toISOString()]))
  const rows = await deps.prisma.$queryRaw<Array<{ figures: StretchFigures }>>`
    SELECT coalesce(m."figures", metrics_figures(${organizationId}, s.start, s.start + make_interval(hours => s.hours))) AS figures
    FROM (SELECT (u->>0)::int AS hours, (u->>1)::timestamp AS start FROM jsonb_array_elements(${stretches}::jsonb) u) s
    -- One pruned since it was brought up to date (an hour of an old day) is read from its rows.
    LEFT JOIN "MetricsFigures" m ON m."organizationId" = ${organizationId} AND m."hours" = s.hours AND m."start" = s.start
    UNION ALL
    SELECT metrics_figures(${organizationId}, (e->>0)::timestamp, (e->>1)::timestamp) AS figures
    FROM jsonb_array_elements(${JSON.stringify(live.map((e) => e.map((d) => d.toISOString())))}::jsonb) e`
  return rows.map((row) => row.figures)
}

// A wait below zero (a row stamped by a replica whose clock ran behind) reads as none at all.
const round = (v: number | null) => (v === null ? null : Math.max(0, Math.round(v * 10) / 10))
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000)

