import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REGENERATE_LIMIT } from '../../src/routes/api/handoffs.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.ts'
import { claim, escalate } from '../support/fixtures.ts'

/**
 * Regenerate costs a model call. The review saw a junior regenerate a claimed handoff's
 * assessment 10 times (10 calls) and reset a ready one. Now: only the people the shared rule
 * names (packages/shared/src/session-rights.ts), and a few times per person and handoff.
 */
const ASSESSMENT = {
  summary_prose: 'Reception printer offline for all PCs while the device itself is healthy.',
  what_we_know: ['Printer answers ping'],
  likely_cause: 'WSD port on the print server.',
  suggested_steps: ['Switch the port to Standard TCP/IP'],
  confidence: 'medium',
}

let fake: FakeOpenAiServer
let t: TestApp
const cookies = {} as Record<'jamie' | 'sam' | 'morgan', string>
beforeAll(async () => {
  fake = await startFakeOpenAiServer()
  t = await buildTestApp({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', ASSESSMENT_MAX_ATTEMPTS: '1' })
  for (const who of ['jamie', 'sam', 'morgan'] as const) cookies[who] = await t.login(who)
}, 120_000)
afterAll(async () => {
  await t?.close()
  await fake?.close()
})

const modelCalls = () => fake.requests.filter((r) => r.body?.response_format).length
const answer = (times: number) => {
  for (let i = 0; i < times; i++) fake.enqueue({ kind: 'json', content: JSON.stringify(ASSESSMENT) })
}

/** A session of `who` with a conversation written straight to the database, escalated, assessed. */
async function escalated(who: 'jamie' | 'sam') {
  const email = who === 'jamie' ? 'engineer@resolutionflow.example.com' : 'senior@resolutionflow.example.com'
  const user = await t.app.db.prisma.user.findUniqueOrThrow({ where: { email } })
  const session = await t.app.db.prisma.chatSession.create({
    data: {
      organizationId: user.organizationId,
      createdById: user.id,
      title: 'Printer offline',
      messages: { create: [{ role: 'user', authorId: user.id, content: 'The reception printer shows offline; it pings fine.' }] },
    },
  })
  answer(1)
  const id = (await escalate(t, cookies[who], session.id)).json().id as string
  await t.app.jobs.idle()
  return id
}

const regenerate = (who: keyof typeof cookies, id: string) =>
  t.app.inject({ method: 'POST', url: `/api/handoffs/${id}/assessment/regenerate`, headers: { cookie: cookies[who] } })

describe('POST /api/handoffs/:id/assessment/regenerate', () => {
  it(`lets each person working it regenerate ${REGENERATE_LIMIT.max} times per handoff, then answers 429 and calls nothing`, { timeout: 120_000 }, async () => {
    const id = await escalated('jamie')
    expect((await claim(t, cookies.sam, id, 'own')).statusCode).toBe(200)
    const before = modelCalls()
    answer(REGENERATE_LIMIT.max * 2)

    const statuses: number[] = []
    for (let i = 0; i < 10; i++) {
      const res = await regenerate('jamie', id)
      statuses.push(res.statusCode)
      if (res.statusCode === 429) expect(res.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/regenerated too often/) })
      await t.app.jobs.idle()
    }
    expect(statuses).toEqual([...Array(REGENERATE_LIMIT.max).fill(202), ...Array(10 - REGENERATE_LIMIT.max).fill(429)])
    expect(modelCalls() - before).toBe(REGENERATE_LIMIT.max)

    // Counted per person: the senior working it still may; Morgan, who is not, may not at all.
    expect((await regenerate('sam', id)).statusCode).toBe(202)
    await t.app.jobs.idle()
    const res = await regenerate('morgan', id)
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/regenerate/) })
    expect(modelCalls() - before).toBe(REGENERATE_LIMIT.max + 1)
  })

  it('keeps a ready assessment from seniors who only received it, and a junior off a session that is not theirs', { timeout: 60_000 }, async () => {
    const jamies = await escalated('jamie')
    const sams = await escalated('sam')
    const before = modelCalls()
    for (const [who, id] of [['sam', jamies], ['morgan', jamies], ['jamie', sams]] as const) {
      const res = await regenerate(who, id)
      expect({ who, status: res.statusCode }).toEqual({ who, status: 403 })
    }
    // Refused means untouched: still ready, no pending event, no call.
    for (const id of [jamies, sams]) {
      expect((await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id } })).assessmentStatus).toBe('ready')
      expect(await t.app.db.prisma.event.count({ where: { type: 'handoff_assessment_pending', payload: { path: ['handoff_id'], equals: id } } })).toBe(0)
    }
    expect(modelCalls()).toBe(before)
  })

  it('lets the seniors it was sent to regenerate a failed one while it waits for pickup', { timeout: 60_000 }, async () => {
    const id = await escalated('jamie')
    await t.app.db.prisma.handoff.update({ where: { id }, data: { assessmentStatus: 'failed', assessmentError: 'model unavailable' } })
    answer(1)
    expect((await regenerate('morgan', id)).statusCode).toBe(202)
    await t.app.jobs.idle()
    expect((await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id } })).assessmentStatus).toBe('ready')
  })
})
