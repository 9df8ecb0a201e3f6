import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
  const prisma = t.app.db.prisma
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const sam = await prisma.user.findUniqueOrThrow({ where: { email: 'senior@resolutionflow.example.com' } })
  const alex = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@globex.example.com' } })
  const at = (iso: string, plusSeconds = 0) => new Date(new Date(iso).getTime() + plusSeconds * 1000)
  const make = async (user: typeof jamie, created: string, data: object) => {
    const session = await prisma.chatSession.create({ data: { organizationId: user.organizationId, createdById: user.id, title: 'm' } })
    await prisma.handoff.create({ data: { organizationId: user.organizationId, sessionId: session.id, handedOffById: user.id, createdAt: at(created), ...data } })
  }
  // Acme, 2026-03-01: claimed after 60 s and 120 s; assessed after 5 s; one failure.
  await make(jamie, '2026-03-01T09:00:00Z', { status: 'claimed', claimedById: sam.id, claimedAt: at('2026-03-01T09:00:00Z', 60), claimOption: 'continue', assessmentStatus: 'ready', assessedAt: at('2026-03-01T09:00:00Z', 5) })
  await make(jamie, '2026-03-01T10:00:00Z', { status: 'claimed', claimedById: sam.id, claimedAt: at('2026-03-01T10:00:00Z', 120), claimOption: 'ai_analysis', assessmentStatus: 'failed', assessedAt: at('2026-03-01T10:00:00Z', 30) })
  // Acme, 2026-03-02: still pending.
  await make(jamie, '2026-03-02T08:00:00Z', { assessmentStatus: 'ready', assessedAt: at('2026-03-02T08:00:00Z', 15) })
  // Globex, same days: never counted for Acme.
  await make(alex, '2026-03-01T11:00:00Z', { assessmentStatus: 'failed' })
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
      escalations: 3,
      claimed: 2,
      by_day: [
        { date: '2026-03-01', escalations: 2, claimed: 2 },
        { date: '2026-03-02', escalations: 1, claimed: 0 },
      ],
      time_to_claim_seconds: { median: 60, p90: 120 },
      time_to_assessment_seconds: { median: 5, p90: 15 },
      claim_options: { continue: 1, ai_analysis: 1, own: 0 },
      assessment_failures: 1,
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
