import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  const prisma = t.app.db.prisma
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const sam = await prisma.user.findUniqueOrThrow({ where: { email: 'senior@resolutionflow.example.com' } })
  const morgan = await prisma.user.findUniqueOrThrow({ where: { email: 'teamadmin@resolutionflow.example.com' } })
  const alex = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@globex.example.com' } })
  const at = (iso: string, plusSeconds = 0) => new Date(new Date(iso).getTime() + plusSeconds * 1000)
  const make = async (user: typeof jamie, created: string, data: object, session: object = {}) => {
    const s = await prisma.chatSession.create({ data: { organizationId: user.organizationId, createdById: user.id, title: 'm', ...session } })
    return prisma.handoff.create({ data: { organizationId: user.organizationId, sessionId: s.id, handedOffById: user.id, createdAt: at(created), ...data } })
  }
  // Acme, 2026-03-01: claimed after 60 s and 120 s; assessed after 5 s; one failure.
  // Both resolved, 1 h and 2 h after the escalation.
  const first = await make(
    jamie,
    '2026-03-01T09:00:00Z',
    { status: 'claimed', claimedById: sam.id, claimedAt: at('2026-03-01T09:00:00Z', 60), claimOption: 'continue', assessmentStatus: 'ready', assessedAt: at('2026-03-01T09:00:00Z', 5) },
    { status: 'resolved', resolvedAt: at('2026-03-01T09:00:00Z', 3600), resolvedById: sam.id, resolutionNote: 'Replaced the switch', rootCause: 'network' },
  )
  await make(
    jamie,
    '2026-03-01T10:00:00Z',
    { status: 'claimed', claimedById: sam.id, claimedAt: at('2026-03-01T10:00:00Z', 120), claimOption: 'ai_analysis', assessmentStatus: 'failed', assessedAt: at('2026-03-01T10:00:00Z', 30) },
    { status: 'resolved', resolvedAt: at('2026-03-01T10:00:00Z', 7200), resolvedById: sam.id, resolutionNote: 'Port fixed', rootCause: 'configuration' },
  )
  // Acme, 2026-03-02: one still pending, declined twice; one cancelled.
  const waiting = await make(jamie, '2026-03-02T08:00:00Z', { assessmentStatus: 'ready', assessedAt: at('2026-03-02T08:00:00Z', 15) })
  await prisma.handoffDecline.createMany({ data: [{ handoffId: waiting.id, userId: sam.id, reason: 'busy' }, { handoffId: waiting.id, userId: morgan.id, reason: 'not_my_area' }] })
  await make(jamie, '2026-03-02T09:00:00Z', { status: 'cancelled', cancelledById: jamie.id, cancelledAt: at('2026-03-02T09:00:00Z', 60) })
  // The seniors' verdicts on the assessments: one useful, one not (missing facts).
  await prisma.handoffFeedback.createMany({
    data: [
      { organizationId: jamie.organizationId, handoffId: first.id, userId: sam.id, useful: true, problems: [] },
      { organizationId: jamie.organizationId, handoffId: waiting.id, userId: morgan.id, useful: false, problems: ['missing_facts'] },
    ],
  })
  // Globex, same days: never counted for Acme.
  await make(alex, '2026-03-01T11:00:00Z', { assessmentStatus: 'failed', status: 'cancelled' }, { status: 'resolved', resolvedAt: at('2026-03-01T12:00:00Z'), rootCause: 'hardware' })
})
afterAll(() => t?.close())

const get = async (who: 'morgan' | 'sam', query: string) =>
  t.app.inject({ url: `/api/metrics/escalations?${query}`, headers: { cookie: await t.login(who) } })

describe('GET /api/metrics/escalations', () => {
  it("gives an admin the organization's figures for the range", async () => {
    const res = await get('morgan', 'from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
      escalations: 4,
      claimed: 2,
      by_day: [
        { date: '2026-03-01', escalations: 2, claimed: 2 },
        { date: '2026-03-02', escalations: 2, claimed: 0 },
      ],
      time_to_claim_seconds: { median: 60, p90: 120 },
      time_to_assessment_seconds: { median: 5, p90: 15 },
      claim_options: { continue: 1, ai_analysis: 1, own: 0 },
      assessment_failures: 1,
      escalated_sessions: 4,
      resolved: 2,
      resolution_rate: 0.5,
      // percentile_cont interpolates: halfway and 90% of the way from 1 h to 2 h.
      time_to_resolve_seconds: { median: 5400, p90: 6840 },
      cancelled: 1,
      declines: { total: 2, by_reason: { not_my_area: 1, busy: 1, other: 0 } },
      assessment_feedback: { rated: 2, useful: 1, usefulness_rate: 0.5, problems: { wrong_cause: 0, missing_facts: 1, already_tried: 0 } },
      root_causes: [
        { root_cause: 'configuration', count: 1 },
        { root_cause: 'network', count: 1 },
      ],
    })
  })

  it('answers 403 to a senior who is not an admin', async () => {
    const res = await get('sam', '')
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it.each(['from=yesterday', 'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'])('rejects %s with 400', async (query) => {
    const res = await get('morgan', query)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  })
})
