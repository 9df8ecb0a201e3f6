import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { pruneStoredFigures } from '../../src/services/metrics/prune-stored-figures.ts'
import { joinStored } from '../../src/services/metrics/stored-stretches.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { usingPostgres } from '../support/test-database.ts'

/**
 * Metrics of whole past days come from stored daily figures (`MetricsDay`), the period's edges
 * from the rows. Whatever the split, the answer is the one a reading of every row gives: the
 * oracle below computes it from the rows, in JavaScript. And a change to a stored day (a claim,
 * a resolution, a decline, a verdict) shows in the next read.
 */
let t: TestApp
let ids: { org: string; jamie: string; sam: string; morgan: string }
const at = (iso: string, plusSeconds = 0) => new Date(new Date(iso).getTime() + plusSeconds * 1000)

beforeAll(async () => {
  t = await buildTestApp()
  const prisma = t.app.db.prisma
  const user = (email: string) => prisma.user.findUniqueOrThrow({ where: { email } })
  const [jamie, sam, morgan] = await Promise.all([
    user('engineer@resolutionflow.example.com'),
    user('senior@resolutionflow.example.com'),
    user('teamadmin@resolutionflow.example.com'),
  ])
  ids = { org: jamie.organizationId, jamie: jamie.id, sam: sam.id, morgan: morgan.id }
  const session = (data: object = {}) =>
    prisma.chatSession.create({ data: { organizationId: ids.org, createdById: ids.jamie, title: 'History', ...data } })
  const handoff = (sessionId: string, created: string, data: object = {}) =>
    prisma.handoff.create({ data: { organizationId: ids.org, sessionId, handedOffById: ids.jamie, createdAt: at(created), ...data } })
  const claimed = (created: string, afterSeconds: number, option: 'continue' | 'ai_analysis' | 'own', assessedAfter: number) => ({
    status: 'claimed' as const,
    claimedById: ids.sam,
    claimedAt: at(created, afterSeconds),
    claimOption: option,
    assessmentStatus: 'ready' as const,
    assessedAt: at(created, assessedAfter),
  })

  // 2026-05-01 .. 05-05, at various hours; waits far enough apart that each is exact.
  const days = ['2026-05-01T09:00:00Z', '2026-05-01T18:30:00Z', '2026-05-02T07:15:00Z', '2026-05-03T13:00:00Z', '2026-05-04T22:00:00Z', '2026-05-05T03:00:00Z']
  for (const [i, created] of days.entries()) {
    const s = await session(
      i % 2 === 0
        ? { status: 'resolved', resolvedAt: at(created, 1800 * (i + 1)), resolvedById: ids.sam, resolutionNote: 'Fixed', rootCause: i % 4 === 0 ? 'network' : 'account' }
        : {},
    )
    await handoff(s.id, created, claimed(created, 45 * (i + 1) ** 2, (['continue', 'ai_analysis', 'own'] as const)[i % 3]!, 7 * (i + 2)))
  }
  // A session escalated on 05-01 and again on 05-03, resolved after: it counts once in a period, from its first escalation there.
  const twice = await session({ status: 'resolved', resolvedAt: at('2026-05-03T16:00:00Z'), resolvedById: ids.sam, resolutionNote: 'Cable', rootCause: 'hardware' })
  await handoff(twice.id, '2026-05-01T11:00:00Z', { ...claimed('2026-05-01T11:00:00Z', 300, 'own', 20), handedBackAt: at('2026-05-01T12:00:00Z') })
  await handoff(twice.id, '2026-05-03T10:00:00Z', claimed('2026-05-03T10:00:00Z', 3000, 'continue', 9))
  // Still waiting on 05-02 (declined once), one failed assessment, one cancelled on 05-04.
  const waiting = await handoff((await session()).id, '2026-05-02T12:00:00Z', { assessmentStatus: 'failed' })
  await prisma.handoffDecline.create({ data: { handoffId: waiting.id, userId: ids.morgan, reason: 'busy' } })
  await handoff((await session()).id, '2026-05-04T08:00:00Z', { status: 'cancelled', cancelledById: ids.jamie, cancelledAt: at('2026-05-04T08:05:00Z') })
})
afterAll(() => t?.close())

const cookies = new Map<'morgan' | 'sam', Promise<string>>()
const cookie = (who: 'morgan' | 'sam') => cookies.get(who) ?? cookies.set(who, t.login(who)).get(who)!

const metrics = async (from: string, to: string) => {
  const res = await t.app.inject({ url: `/api/metrics/escalations?from=${from}&to=${to}`, headers: { cookie: await cookie('morgan') } })
  expect(res.statusCode).toBe(200)
  return res.json() as EscalationMetrics
}

/** The figures from every row of the period, computed here: what the stored days must add up to. */
async function fromRows(from: string, to: string) {
  const prisma = t.app.db.prisma
  const handoffs = await prisma.handoff.findMany({
    where: { organizationId: ids.org, createdAt: { gte: new Date(from), lt: new Date(to) } },
    include: { session: true, declines: true, feedback: true },
  })
  const seconds = (a: Date | null, b: Date | null) => (a && b ? (a.getTime() - b.getTime()) / 1000 : null)
  const sorted = (values: Array<number | null>) => values.filter((v): v is number => v !== null).sort((a, b) => a - b)
  const disc = (v: number[], p: number) => (v.length ? v[Math.max(Math.ceil(p * v.length), 1) - 1]! : null)
  const cont = (v: number[], p: number) => {
    if (!v.length) return null
    const h = (v.length - 1) * p
    return v[Math.floor(h)]! + (h - Math.floor(h)) * (v[Math.ceil(h)]! - v[Math.floor(h)]!)
  }
  const r1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
  const firstBySession = new Map<string, (typeof handoffs)[number]>()
  for (const h of handoffs) if (!firstBySession.has(h.sessionId) || h.createdAt < firstBySession.get(h.sessionId)!.createdAt) firstBySession.set(h.sessionId, h)
  const sessions = [...firstBySession.values()]
  const resolved = sessions.filter((h) => h.session.status === 'resolved')
  const toClaim = sorted(handoffs.map((h) => seconds(h.claimedAt, h.createdAt)))
  const toAssess = sorted(handoffs.map((h) => (h.assessmentStatus === 'ready' ? seconds(h.assessedAt, h.createdAt) : null)))
  const toResolve = sorted(resolved.map((h) => seconds(h.session.resolvedAt, h.createdAt)))
  const declines = handoffs.flatMap((h) => h.declines)
  const feedback = handoffs.flatMap((h) => h.feedback)
  const causes = new Map<string | null, number>()
  for (const h of resolved) causes.set(h.session.rootCause, (causes.get(h.session.rootCause) ?? 0) + 1)
  return {
    escalations: handoffs.length,
    claimed: handoffs.filter((h) => h.claimedAt).length,
    time_to_claim_seconds: { median: r1(disc(toClaim, 0.5)), p90: r1(disc(toClaim, 0.9)) },
    time_to_assessment_seconds: { median: r1(disc(toAssess, 0.5)), p90: r1(disc(toAssess, 0.9)) },
    claim_options: {
      continue: handoffs.filter((h) => h.claimOption === 'continue').length,
      ai_analysis: handoffs.filter((h) => h.claimOption === 'ai_analysis').length,
      own: handoffs.filter((h) => h.claimOption === 'own').length,
    },
    assessment_failures: handoffs.filter((h) => h.assessmentStatus === 'failed').length,
    escalated_sessions: sessions.length,
    resolved: resolved.length,
    time_to_resolve_seconds: { median: r1(cont(toResolve, 0.5)), p90: r1(cont(toResolve, 0.9)) },
    cancelled: handoffs.filter((h) => h.status === 'cancelled').length,
    declines: {
      total: declines.length,
      by_reason: { not_my_area: 0, busy: 0, other: 0, ...Object.fromEntries(['not_my_area', 'busy', 'other'].map((r) => [r, declines.filter((d) => d.reason === r).length])) },
    },
    assessment_feedback: {
      rated: feedback.length,
      useful: feedback.filter((f) => f.useful).length,
      usefulness_rate: feedback.length ? Math.round((feedback.filter((f) => f.useful).length / feedback.length) * 1000) / 1000 : null,
      problems: Object.fromEntries(['wrong_cause', 'missing_facts', 'already_tried'].map((p) => [p, feedback.filter((f) => (f.problems as string[]).includes(p)).length])),
    },
    root_causes: [...causes]
      .sort(([a, x], [b, y]) => y - x || (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([root_cause, count]) => ({ root_cause, count })),
  }
}

const stored = () => t.app.db.prisma.metricsFigures.findMany({ where: { organizationId: ids.org }, orderBy: [{ start: 'asc' }, { hours: 'asc' }] })

describe('metrics from stored days', () => {
  // Whole days only; edges on both sides; a period starting between the two escalations of one session.
  const periods = [
    ['2026-05-01T00:00:00.000Z', '2026-05-06T00:00:00.000Z'],
    ['2026-05-01T12:00:00.000Z', '2026-05-05T02:00:00.000Z'],
    ['2026-05-02T00:00:00.000Z', '2026-05-04T23:00:00.000Z'],
    ['2026-05-01T10:30:00.000Z', '2026-05-01T20:00:00.000Z'],
  ] as const

  it.each(periods)('%s to %s: what every row of the period adds up to', async (from, to) => {
    const figures = await metrics(from, to)
    expect(figures).toMatchObject(await fromRows(from, to))
  })

  it('stores each stretch once and reads it again unchanged', async () => {
    await metrics(periods[0][0], periods[0][1])
    const before = await stored()
    // 2026-05-01 is day 20574 since 1970: two days from there, two from 20576, then one.
    const days = before.filter((s) => s.hours >= 24 && s.start >= new Date(periods[0][0]) && s.start < new Date(periods[0][1]))
    expect(days.map((s) => `${s.hours / 24}d@${s.start.toISOString().slice(0, 10)}`)).toEqual(expect.arrayContaining(['2d@2026-05-01', '2d@2026-05-03', '1d@2026-05-05']))
    await metrics(periods[0][0], periods[0][1])
    expect((await stored()).map((d) => d.computedAt)).toEqual(before.map((d) => d.computedAt))
  })

  it('counts a session escalated twice once: from its first escalation in the period', async () => {
    // 05-01 11:00 and 05-03 10:00, resolved 05-03 16:00: 53 h, or 6 h from the second.
    const whole = await metrics('2026-05-01T10:59:00.000Z', '2026-05-01T11:01:00.000Z')
    expect(whole).toMatchObject({ escalations: 1, escalated_sessions: 1, resolved: 1, time_to_resolve_seconds: { median: 53 * 3600 } })
    const later = await metrics('2026-05-03T00:00:00.000Z', '2026-05-04T00:00:00.000Z')
    expect(later).toMatchObject({ escalations: 2, escalated_sessions: 2 })
    expect(later.time_to_resolve_seconds.median).toBe(await fromRows('2026-05-03T00:00:00.000Z', '2026-05-04T00:00:00.000Z').then((f) => f.time_to_resolve_seconds.median))
    const both = await metrics('2026-05-01T00:00:00.000Z', '2026-05-04T00:00:00.000Z')
    expect(both.escalated_sessions).toBe((await fromRows('2026-05-01T00:00:00.000Z', '2026-05-04T00:00:00.000Z')).escalated_sessions)
  })

  it('a claim, a resolution, a decline and a verdict on a stored day or hour show in the next read', async () => {
    const [from, to] = periods[0]
    await metrics(from, to)
    const waiting = await t.app.db.prisma.handoff.findFirstOrThrow({ where: { organizationId: ids.org, createdAt: at('2026-05-02T12:00:00Z') } })

    const claim = await t.app.inject({ method: 'POST', url: `/api/handoffs/${waiting.id}/claim`, headers: { cookie: await cookie('sam') }, payload: { option: 'own' } })
    expect(claim.statusCode).toBe(200)
    const afterClaim = await metrics(from, to)
    expect(afterClaim).toMatchObject(await fromRows(from, to))
    expect(afterClaim.by_day.find((d) => d.date === '2026-05-02')).toEqual({ date: '2026-05-02', escalations: 2, claimed: 2 })

    const resolve = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${waiting.sessionId}/resolve`,
      headers: { cookie: await cookie('sam') },
      payload: { resolution_note: 'Restarted the print spooler', root_cause: 'configuration' },
    })
    expect(resolve.statusCode).toBe(200)
    const afterResolve = await metrics(from, to)
    expect(afterResolve.root_causes).toContainEqual({ root_cause: 'configuration', count: 1 })
    expect(afterResolve.resolved).toBe(afterClaim.resolved + 1)

    await t.app.db.prisma.handoffDecline.create({ data: { handoffId: waiting.id, userId: ids.sam, reason: 'not_my_area' } })
    // A verdict on the day's other escalation (the waiting one's assessment failed: nothing to rate).
    const assessed = await t.app.db.prisma.handoff.findFirstOrThrow({ where: { organizationId: ids.org, createdAt: at('2026-05-02T07:15:00Z') } })
    const feedback = await t.app.inject({
      method: 'PUT',
      url: `/api/handoffs/${assessed.id}/feedback`,
      headers: { cookie: await cookie('sam') },
      payload: { useful: false, problems: ['wrong_cause'] },
    })
    expect(feedback.statusCode).toBe(200)
    const afterAll = await metrics(from, to)
    expect(afterAll.declines).toEqual({ total: 2, by_reason: { not_my_area: 1, busy: 1, other: 0 } })
    expect(afterAll.assessment_feedback).toMatchObject({ rated: 1, useful: 0, problems: { wrong_cause: 1, missing_facts: 0, already_tried: 0 } })
    expect(afterAll).toMatchObject(await fromRows(from, to))
    // A decline in the last stored hour of the third period (05-04 22:00): hours are kept current too.
    const late = await t.app.db.prisma.handoff.findFirstOrThrow({ where: { organizationId: ids.org, createdAt: at('2026-05-04T22:00:00Z') } })
    await t.app.db.prisma.handoffDecline.create({ data: { handoffId: late.id, userId: ids.morgan, reason: 'other' } })
    for (const [a, b] of periods) expect(await metrics(a, b)).toMatchObject(await fromRows(a, b))
    expect((await metrics(periods[2][0], periods[2][1])).declines.by_reason.other).toBe(1)

    // No change is left pending for a stored stretch: each was taken in by a recompute.
    const [pending] = await t.app.db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MetricsChange" c JOIN "MetricsFigures" m USING ("organizationId", "hours", "start") WHERE c."organizationId" = $1`,
      [ids.org],
    )
    expect(pending!.n).toBe(0)
  })
})

describe('long stretches joined from their halves', () => {
  const year = ['2026-01-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'] as const
  const longer = async () =>
    new Map(
      (await t.app.db.prisma.metricsFigures.findMany({ where: { organizationId: ids.org, hours: { gt: 24 } } })).map((s) => [`${s.hours}@${s.start.toISOString()}`, s]),
    )
  /** Arrays the database builds in no particular order, sorted, so figures compare by content. */
  const normal = (f: Record<string, unknown>) => ({
    ...f,
    root_causes: [...(f.root_causes as Array<[string | null, number]>)].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    repeat: [...(f.repeat as unknown[][])].sort((a, b) => String(a).localeCompare(String(b))),
  })

  it('store what the rows of the whole give, and a change re-reads one day and joins the stretches above it', async () => {
    expect(await metrics(...year)).toMatchObject(await fromRows(...year))
    const before = await longer()
    // 2026-01-27 is day 20480, a multiple of 256: the year holds a 256-day stretch, built from halves down to days.
    expect(before.get(`${256 * 24}@2026-01-27T00:00:00.000Z`)).toBeDefined()
    const wholes = await t.app.db.sql.query<{ joined: object; rows: object }>(
      `SELECT m."figures" AS joined, metrics_figures(m."organizationId", m."start", m."start" + make_interval(hours => m."hours")) AS rows
       FROM "MetricsFigures" m WHERE m."organizationId" = $1 AND m."hours" > 24`,
      [ids.org],
    )
    expect(wholes.length).toBeGreaterThan(8)
    for (const w of wholes) expect(normal(w.joined as Record<string, unknown>)).toEqual(normal(w.rows as Record<string, unknown>))

    const days = async () => new Map((await stored()).filter((s) => s.hours === 24).map((s) => [s.start.toISOString(), s.computedAt.getTime()]))
    const daysBefore = await days()
    const early = await t.app.db.prisma.handoff.findFirstOrThrow({ where: { organizationId: ids.org, createdAt: at('2026-05-01T09:00:00Z') } })
    await t.app.db.prisma.handoffDecline.create({ data: { handoffId: early.id, userId: ids.morgan, reason: 'busy' } })
    const after = await metrics(...year)
    expect(after).toMatchObject(await fromRows(...year))
    expect(after.declines.by_reason.busy).toBe((await fromRows(...year)).declines.by_reason.busy)

    // Only 05-01 was read again from its rows; of the longer stretches, those holding it were joined again.
    const daysAfter = await days()
    const reread = [...daysAfter].filter(([start, computed]) => daysBefore.get(start) !== computed).map(([start]) => start)
    expect(reread).toEqual(['2026-05-01T00:00:00.000Z'])
    const holds = (s: { hours: number; start: Date }) => {
      const day = at('2026-05-01T00:00:00Z').getTime()
      return day >= s.start.getTime() && day < s.start.getTime() + s.hours * 3600_000
    }
    const rejoined = [...(await longer())].filter(([k, s]) => before.get(k)?.computedAt.getTime() !== s.computedAt.getTime()).map(([k]) => k)
    expect(rejoined.sort()).toEqual([...before].filter(([, s]) => holds(s)).map(([k]) => k).sort())
    expect(rejoined.length).toBeGreaterThan(3)
  })

  it('an escalation moved to another day changes which of its session’s later escalations counts first', async () => {
    const prisma = t.app.db.prisma
    const session = await prisma.chatSession.create({ data: { organizationId: ids.org, createdById: ids.jamie, title: 'Moved' } })
    const first = await prisma.handoff.create({
      data: {
        organizationId: ids.org,
        sessionId: session.id,
        handedOffById: ids.jamie,
        createdAt: at('2026-06-01T10:00:00Z'),
        ...{ status: 'claimed', claimedById: ids.sam, claimedAt: at('2026-06-01T10:05:00Z'), handedBackAt: at('2026-06-01T11:00:00Z') },
      },
    })
    await prisma.handoff.create({ data: { organizationId: ids.org, sessionId: session.id, handedOffById: ids.jamie, createdAt: at('2026-06-03T10:00:00Z') } })
    // From 06-02 12:00: hours of 06-02, then the day 06-03 (stored apart from 06-02).
    const period = ['2026-06-02T12:00:00.000Z', '2026-06-04T00:00:00.000Z'] as const
    expect((await metrics(...period)).escalated_sessions).toBe(1)
    await prisma.handoff.update({ where: { id: first.id }, data: { createdAt: at('2026-06-02T13:00:00Z'), claimedAt: at('2026-06-02T13:05:00Z'), handedBackAt: at('2026-06-02T14:00:00Z') } })
    const moved = await metrics(...period)
    expect(moved).toMatchObject({ escalations: 2, escalated_sessions: 1 })
    expect(moved).toMatchObject(await fromRows(...period))
  })

  it('a whole joined just after a write to its half, whose own change the purge dropped, is joined again on the next read', async () => {
    const prisma = t.app.db.prisma
    // 2025-07-03 is day 20272: the two days from it are one stored stretch (a year before the rest).
    const whole = { hours: 48, start: at('2025-07-03T00:00:00Z') }
    const handoffOn = async (created: string) => {
      const session = await prisma.chatSession.create({ data: { organizationId: ids.org, createdById: ids.jamie, title: 'Joined' } })
      return prisma.handoff.create({ data: { organizationId: ids.org, sessionId: session.id, handedOffById: ids.jamie, createdAt: at(created) } })
    }
    const first = await handoffOn('2025-07-03T10:00:00Z')
    await handoffOn('2025-07-04T10:00:00Z')
    // Each day read, and stored, on its own; the two together never yet.
    await metrics('2025-07-03T00:00:00.000Z', '2025-07-04T00:00:00.000Z')
    await metrics('2025-07-04T00:00:00.000Z', '2025-07-05T00:00:00.000Z')
    const changesOf = (s: { hours: number; start: Date }) => prisma.metricsChange.count({ where: { organizationId: ids.org, ...s } })

    // What a read that planned to join the whole (its days current) meets when a write and the
    // purge come before its join: the write logs the first day and the whole as changed, and the
    // purge drops the whole's change, as it is not stored.
    await prisma.handoffDecline.create({ data: { handoffId: first.id, userId: ids.morgan, reason: 'other' } })
    await pruneStoredFigures(prisma)
    expect(await changesOf(whole)).toBe(0)
    expect(await changesOf({ hours: 24, start: whole.start })).toBe(1)
    await joinStored(prisma, ids.org, [whole])

    // Stored from the first day as it was, so marked as changed: the next read counts the decline.
    expect(await changesOf(whole)).toBe(1)
    const period = ['2025-07-03T00:00:00.000Z', '2025-07-05T00:00:00.000Z'] as const
    const figures = await metrics(...period)
    expect(figures.declines.total).toBe(1)
    expect(figures).toMatchObject(await fromRows(...period))
  })
})

// The embedded database runs in this process, on its clock: only a server's clock can differ from the app's.
describe.skipIf(!usingPostgres())('the clock that says a stretch is over', () => {
  it("is the database's: with the app's clock an hour ahead, the hour under way is not stored, and every escalation in it counts", async () => {
    const prisma = t.app.db.prisma
    const [{ ms }] = (await t.app.db.sql.query<{ ms: number }>(`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`)) as [{ ms: number }]
    const escalateNow = async () => {
      const session = await prisma.chatSession.create({ data: { organizationId: ids.org, createdById: ids.jamie, title: 'This hour' } })
      // Stamped by the database's clock, as the app's own writes are in effect.
      await t.app.db.sql.query(`INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById", "createdAt") VALUES (gen_random_uuid()::text, $1, $2, $3, now() AT TIME ZONE 'UTC')`, [
        ids.org,
        session.id,
        ids.jamie,
      ])
    }
    // The hour the database is in (or, in its first 30 s, the one just over: not settled either).
    const hour = new Date(Math.floor((ms - 30_000) / 3_600_000) * 3_600_000)
    const period = [hour.toISOString(), new Date(hour.getTime() + 3_600_000).toISOString()] as const
    await escalateNow()
    vi.useFakeTimers({ toFake: ['Date'], now: ms + 3_600_000 })
    try {
      expect((await metrics(...period)).escalations).toBe((await fromRows(...period)).escalations)
      // Written into the hour as the database sees it under way: the triggers log no change for it.
      await escalateNow()
      const figures = await metrics(...period)
      expect(figures.escalations).toBe((await fromRows(...period)).escalations)
      expect(await prisma.metricsFigures.count({ where: { organizationId: ids.org, start: hour, hours: 1 } })).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
