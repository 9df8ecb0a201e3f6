import type { RootCause } from '@resolutionflow/shared/escalation-rules.ts'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'

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

  // On Postgres the app's statements are prepared once per connection and may run on a generic
  // plan, which cannot know how many handoffs a period holds (at 100,000 it chose nested loops:
  // 2.3× slower): these are planned for their period each time. The embedded database prepares
  // nothing, and a transaction there would hold its one connection for the whole run.
  if (deps.driver === 'pglite') return periodFigures(deps.prisma, user.organizationId, from, to)
  return deps.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL plan_cache_mode = force_custom_plan`
    return periodFigures(tx, user.organizationId, from, to)
  })
}

async function periodFigures(prisma: Db, organizationId: string, from: Date, to: Date): Promise<EscalationMetrics> {
  // Computed in SQL: the period's handoffs are counted where they are, never loaded.
  // percentile_disc is the nearest-rank percentile (the value at rank ceil(p·n)).
  const [totals] = await prisma.$queryRaw<
    Array<{
      escalations: number
      claimed: number
      claim_median: number | null
      claim_p90: number | null
      assessment_median: number | null
      assessment_p90: number | null
      continue: number
      ai_analysis: number
      own: number
      failures: number
    }>
  >`
    WITH h AS (
      SELECT "claimedAt", "claimOption", "assessmentStatus",
        extract(epoch FROM "claimedAt" - "createdAt")::float8 AS to_claim,
        CASE WHEN "assessmentStatus" = 'ready' THEN extract(epoch FROM "assessedAt" - "createdAt")::float8 END AS to_assessment
      FROM "Handoff" WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${from} AND "createdAt" < ${to}
    )
    SELECT count(*)::int AS escalations,
      count(*) FILTER (WHERE "claimedAt" IS NOT NULL)::int AS claimed,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY to_claim) AS claim_median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY to_claim) AS claim_p90,
      percentile_disc(0.5) WITHIN GROUP (ORDER BY to_assessment) AS assessment_median,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY to_assessment) AS assessment_p90,
      count(*) FILTER (WHERE "claimOption" = 'continue')::int AS "continue",
      count(*) FILTER (WHERE "claimOption" = 'ai_analysis')::int AS ai_analysis,
      count(*) FILTER (WHERE "claimOption" = 'own')::int AS own,
      count(*) FILTER (WHERE "assessmentStatus" = 'failed')::int AS failures
    FROM h`
  const days = await prisma.$queryRaw<Array<{ date: string; escalations: number; claimed: number }>>`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS date, count(*)::int AS escalations,
      count(*) FILTER (WHERE "claimedAt" IS NOT NULL)::int AS claimed
    FROM "Handoff" WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${from} AND "createdAt" < ${to}
    GROUP BY 1`

  // Every day of the period, the quiet ones too.
  const byDay = new Map<string, { escalations: number; claimed: number }>()
  for (let d = startOfDay(from); d < to; d = new Date(d.getTime() + DAY_MS)) byDay.set(d.toISOString().slice(0, 10), { escalations: 0, claimed: 0 })
  for (const day of days) if (byDay.has(day.date)) byDay.set(day.date, { escalations: day.escalations, claimed: day.claimed })

  const loop = await escalationLoopFigures(prisma, organizationId, from, to)
  const t = totals!
  return {
    ...loop,
    from: from.toISOString(),
    to: to.toISOString(),
    escalations: t.escalations,
    claimed: t.claimed,
    by_day: [...byDay].map(([date, v]) => ({ date, ...v })),
    time_to_claim_seconds: { median: round(t.claim_median), p90: round(t.claim_p90) },
    time_to_assessment_seconds: { median: round(t.assessment_median), p90: round(t.assessment_p90) },
    claim_options: { continue: t.continue, ai_analysis: t.ai_analysis, own: t.own },
    assessment_failures: t.failures,
  }
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000)

/**
 * What happened to the period's escalations after the claim, computed in SQL: resolution
 * (rate, time to resolve with percentile_cont), cancels, declines by reason, the seniors'
 * verdicts on the assessment, and resolved sessions per root cause.
 */
async function escalationLoopFigures(prisma: Db, organizationId: string, from: Date, to: Date) {
  // The period's escalated sessions are read once, for the resolution figures and the root causes.
  const [resolution] = await prisma.$queryRaw<
    Array<{
      sessions: number
      resolved: number
      median: number | null
      p90: number | null
      cancelled: number
      root_causes: Array<{ root_cause: string | null; count: number }> | null
    }>
  >`
    WITH h AS (
      SELECT "sessionId", min("createdAt") AS first_at
      FROM "Handoff" WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY "sessionId"
    ), r AS (
      SELECT s.status, s."rootCause", extract(epoch FROM s."resolvedAt" - h.first_at)::float8 AS seconds
      FROM h JOIN "ChatSession" s ON s.id = h."sessionId"
    )
    SELECT count(*)::int AS sessions,
           count(*) FILTER (WHERE status = 'resolved')::int AS resolved,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE status = 'resolved') AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE status = 'resolved') AS p90,
           (SELECT count(*)::int FROM "Handoff" WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${from} AND "createdAt" < ${to} AND status = 'cancelled') AS cancelled,
           (SELECT json_agg(json_build_object('root_cause', c."rootCause", 'count', c.count) ORDER BY c.count DESC, c."rootCause" NULLS LAST)
              FROM (SELECT "rootCause", count(*)::int AS count FROM r WHERE status = 'resolved' GROUP BY "rootCause") c) AS root_causes
    FROM r`
  const declines = await prisma.$queryRaw<Array<{ reason: 'not_my_area' | 'busy' | 'other'; count: number }>>`
    SELECT d.reason::text AS reason, count(*)::int AS count
    FROM "HandoffDecline" d JOIN "Handoff" h ON h.id = d."handoffId"
    WHERE h."organizationId" = ${organizationId} AND h."createdAt" >= ${from} AND h."createdAt" < ${to}
    GROUP BY d.reason`
  const [feedback] = await prisma.$queryRaw<
    Array<{ rated: number; useful: number; wrong_cause: number; missing_facts: number; already_tried: number }>
  >`
    SELECT count(*)::int AS rated,
           count(*) FILTER (WHERE f.useful)::int AS useful,
           count(*) FILTER (WHERE f.problems @> '["wrong_cause"]'::jsonb)::int AS wrong_cause,
           count(*) FILTER (WHERE f.problems @> '["missing_facts"]'::jsonb)::int AS missing_facts,
           count(*) FILTER (WHERE f.problems @> '["already_tried"]'::jsonb)::int AS already_tried
    FROM "HandoffFeedback" f JOIN "Handoff" h ON h.id = f."handoffId"
    WHERE h."organizationId" = ${organizationId} AND h."createdAt" >= ${from} AND h."createdAt" < ${to}`
  const rootCauses = resolution?.root_causes ?? []

  const byReason = { not_my_area: 0, busy: 0, other: 0 }
  for (const d of declines) byReason[d.reason] = d.count
  const r = resolution ?? { sessions: 0, resolved: 0, median: null, p90: null, cancelled: 0 }
  const f = feedback ?? { rated: 0, useful: 0, wrong_cause: 0, missing_facts: 0, already_tried: 0 }
  return {
    escalated_sessions: r.sessions,
    resolved: r.resolved,
    resolution_rate: rate(r.resolved, r.sessions),
    time_to_resolve_seconds: { median: round(r.median), p90: round(r.p90) },
    cancelled: r.cancelled,
    declines: { total: declines.reduce((sum, d) => sum + d.count, 0), by_reason: byReason },
    assessment_feedback: {
      rated: f.rated,
      useful: f.useful,
      usefulness_rate: rate(f.useful, f.rated),
      problems: { wrong_cause: f.wrong_cause, missing_facts: f.missing_facts, already_tried: f.already_tried },
    },
    root_causes: rootCauses.map((c) => ({ root_cause: c.root_cause as RootCause | null, count: c.count })),
  }
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
