import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** Team figures for admins: escalations per day, time to claim and to assessment, options chosen, failures. */
export async function escalationMetrics(
  deps: { prisma: PrismaClient },
  user: AuthUser,
  range: { from?: string; to?: string },
): Promise<EscalationMetrics> {
  if (user.role !== 'admin') throw forbidden('Team metrics are for admins')
  const to = range.to ? new Date(range.to) : new Date()
  const from = range.from ? new Date(range.from) : new Date(to.getTime() - 30 * DAY_MS)
  if (from >= to) throw new AppError(400, 'VALIDATION_FAILED', '`from` must be before `to`')
  if (to.getTime() - from.getTime() > 366 * DAY_MS) throw new AppError(400, 'VALIDATION_FAILED', 'The range can span at most a year')

  const handoffs = await deps.prisma.handoff.findMany({
    where: { organizationId: user.organizationId, createdAt: { gte: from, lt: to } },
    select: { createdAt: true, claimedAt: true, claimOption: true, assessmentStatus: true, assessedAt: true },
  })

  const byDay = new Map<string, { escalations: number; claimed: number }>()
  for (let d = startOfDay(from); d < to; d = new Date(d.getTime() + DAY_MS)) byDay.set(d.toISOString().slice(0, 10), { escalations: 0, claimed: 0 })
  const claimOptions = { continue: 0, ai_analysis: 0, own: 0 }
  const toClaim: number[] = []
  const toAssessment: number[] = []
  let failures = 0
  for (const h of handoffs) {
    const day = byDay.get(h.createdAt.toISOString().slice(0, 10))
    if (day) day.escalations++
    if (h.claimedAt) {
      if (day) day.claimed++
      toClaim.push((h.claimedAt.getTime() - h.createdAt.getTime()) / 1000)
    }
    if (h.claimOption) claimOptions[h.claimOption]++
    if (h.assessmentStatus === 'ready' && h.assessedAt) toAssessment.push((h.assessedAt.getTime() - h.createdAt.getTime()) / 1000)
    if (h.assessmentStatus === 'failed') failures++
  }

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    escalations: handoffs.length,
    claimed: toClaim.length,
    by_day: [...byDay].map(([date, v]) => ({ date, ...v })),
    time_to_claim_seconds: { median: percentile(toClaim, 0.5), p90: percentile(toClaim, 0.9) },
    time_to_assessment_seconds: { median: percentile(toAssessment, 0.5), p90: percentile(toAssessment, 0.9) },
    claim_options: claimOptions,
    assessment_failures: failures,
  }
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))

/** Nearest-rank percentile, rounded to a tenth of a second; null without data. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
  return Math.round(value * 10) / 10
}
