import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { escalate, sessionWithChat } from '../support/fixtures.ts'
import { openEventStream, type ReceivedEvent } from '../support/sse-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { waitFor } from '../support/wait-for.ts'

type Who = 'jamie' | 'sam' | 'morgan' | 'alex' | 'priya'

// A short lease, so expiry is seen in about a second; heartbeats in these tests come faster.
const TTL_MS = 1_500
const SWEEP_MS = 100

let t: TestApp
let baseUrl: string
const cookies = {} as Record<Who, string>
const streams: Array<{ close(): void }> = []

beforeAll(async () => {
  t = await buildTestApp({ PRESENCE_TTL_MS: String(TTL_MS), PRESENCE_SWEEP_MS: String(SWEEP_MS) })
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  for (const u of ['jamie', 'sam', 'morgan', 'alex', 'priya'] as const) cookies[u] = await t.login(u)
})
afterAll(async () => {
  for (const s of streams) s.close()
  await t?.close()
})

async function subscribe(who: Who) {
  const stream = openEventStream(baseUrl, cookies[who])
  streams.push(stream)
  await stream.ready
  return stream
}

async function newHandoff() {
  const sessionId = await sessionWithChat(t, cookies.jamie)
  return (await escalate(t, cookies.jamie, sessionId)).json().id as string
}

const heartbeat = (who: Who | null, handoffId: string) =>
  t.app.inject({ method: 'POST', url: `/api/handoffs/${handoffId}/presence`, headers: who ? { cookie: cookies[who] } : {} })
const leave = (who: Who | null, handoffId: string) =>
  t.app.inject({ method: 'DELETE', url: `/api/handoffs/${handoffId}/presence`, headers: who ? { cookie: cookies[who] } : {} })
const presenceOf = (handoffId: string) => (e: ReceivedEvent) => e.type === 'presence_changed' && e.data.handoff_id === handoffId
const names = (e: ReceivedEvent) => (e.data.viewers as Array<{ name: string }>).map((v) => v.name)

describe('who is looking at a handoff', () => {
  it('tells the organization who opened the pickup screen and who left, live', async () => {
    const handoffId = await newHandoff()
    const jamie = await subscribe('jamie')
    const morganStream = await subscribe('morgan')

    expect((await heartbeat('sam', handoffId)).statusCode).toBe(204)
    const first = await jamie.waitFor(presenceOf(handoffId))
    expect(first.id).toBe('') // live-only: never moves Last-Event-ID, never replayed
    expect(first.data).toEqual({ handoff_id: handoffId, viewers: [{ id: expect.any(String), name: 'Sam Patel' }] })
    await morganStream.waitFor(presenceOf(handoffId))

    expect((await heartbeat('morgan', handoffId)).statusCode).toBe(204)
    await jamie.waitFor((e) => presenceOf(handoffId)(e) && names(e).length === 2)
    expect(names(jamie.received.filter(presenceOf(handoffId)).at(-1)!)).toEqual(['Sam Patel', 'Morgan Lee'])

    // A page opened now reads the same list.
    const listed = await t.app.inject({ method: 'GET', url: '/api/presence', headers: { cookie: cookies.jamie } })
    expect(listed.statusCode).toBe(200)
    expect(listed.json().presence).toContainEqual({
      handoff_id: handoffId,
      viewers: [expect.objectContaining({ name: 'Sam Patel' }), expect.objectContaining({ name: 'Morgan Lee' })],
    })

    // Renewing a lease changes nothing anyone sees: no event.
    const before = jamie.received.filter(presenceOf(handoffId)).length
    const seen = jamie.received.length
    expect((await heartbeat('sam', handoffId)).statusCode).toBe(204)
    expect((await leave('morgan', handoffId)).statusCode).toBe(204)
    const after = await jamie.waitFor((e) => jamie.received.indexOf(e) >= seen && presenceOf(handoffId)(e))
    expect(jamie.received.filter(presenceOf(handoffId)).length).toBe(before + 1)
    expect(after.data.viewers).toEqual([{ id: expect.any(String), name: 'Sam Patel' }])

    // Leaving twice (unmount and pagehide both say goodbye) is harmless and silent.
    expect((await leave('morgan', handoffId)).statusCode).toBe(204)
    expect((await leave('sam', handoffId)).statusCode).toBe(204)
    await jamie.waitFor((e) => presenceOf(handoffId)(e) && names(e).length === 0)
    expect(await t.app.db.prisma.handoffPresence.count({ where: { handoffId } })).toBe(0)
  })

  it('drops a tab that stops sending heartbeats after the lease runs out, and keeps one that renews', async () => {
    const handoffId = await newHandoff()
    const jamie = await subscribe('jamie')
    const opened = Date.now()
    await heartbeat('morgan', handoffId)
    await heartbeat('sam', handoffId)
    await jamie.waitFor((e) => presenceOf(handoffId)(e) && names(e).length === 2)

    // Sam's screen keeps renewing; Morgan's tab went away without a goodbye.
    const renewing = setInterval(() => void heartbeat('sam', handoffId), 300)
    try {
      const gone = await jamie.waitFor((e) => presenceOf(handoffId)(e) && !names(e).includes('Morgan Lee'), 10_000)
      const elapsed = Date.now() - opened
      expect(names(gone)).toEqual(['Sam Patel'])
      expect(elapsed).toBeGreaterThanOrEqual(TTL_MS)
      expect(elapsed).toBeLessThan(TTL_MS + 3_000)
    } finally {
      clearInterval(renewing)
    }
    const listed = await t.app.inject({ method: 'GET', url: '/api/presence', headers: { cookie: cookies.jamie } })
    expect(listed.json().presence.find((p: { handoff_id: string }) => p.handoff_id === handoffId).viewers).toEqual([
      expect.objectContaining({ name: 'Sam Patel' }),
    ])
    await leave('sam', handoffId)
  })

  it('keeps presence inside the organization', async () => {
    const handoffId = await newHandoff()
    const priya = await subscribe('priya')
    const jamie = await subscribe('jamie')

    expect(await heartbeat('priya', handoffId)).toMatchObject({ statusCode: 404 })
    expect((await heartbeat('priya', handoffId)).json()).toEqual({ code: 'NOT_FOUND', message: 'Handoff not found' })
    expect((await leave('alex', handoffId)).statusCode).toBe(404)
    expect(await t.app.db.prisma.handoffPresence.count({ where: { handoffId } })).toBe(0)

    await heartbeat('sam', handoffId)
    await jamie.waitFor(presenceOf(handoffId))
    const otherOrg = await t.app.inject({ method: 'GET', url: '/api/presence', headers: { cookie: cookies.priya } })
    expect(otherOrg.json().presence.map((p: { handoff_id: string }) => p.handoff_id)).not.toContain(handoffId)
    // The event went to Acme's streams only (Jamie's arrived after Priya's stream was open).
    expect(priya.received.filter(presenceOf(handoffId))).toEqual([])
    await leave('sam', handoffId)
  })

  it('answers the authorization table: every role of the organization, another organization, signed out', async () => {
    const handoffId = await newHandoff()
    const table: Array<[Who | null, number]> = [
      ['jamie', 204], // the engineer who escalated may see the screen too
      ['sam', 204],
      ['morgan', 204],
      ['alex', 404],
      ['priya', 404],
      [null, 401],
    ]
    for (const [who, status] of table) {
      expect((await heartbeat(who, handoffId)).statusCode, `POST as ${who}`).toBe(status)
      expect((await leave(who, handoffId)).statusCode, `DELETE as ${who}`).toBe(status)
    }
    const list = await t.app.inject({ method: 'GET', url: '/api/presence' })
    expect(list.statusCode).toBe(401)
    expect(list.json().code).toBe('UNAUTHENTICATED')
    expect((await heartbeat('sam', 'no-such-handoff')).statusCode).toBe(404)
    expect((await heartbeat('sam', 'x'.repeat(65))).statusCode).toBe(400)
  })
})

/** Two replicas: a heartbeat on one reaches a stream on the other; a lapse is announced once. */
describe.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)('presence across two replicas on Postgres + Redis', () => {
  let database: TestDatabase
  let a: TestApp
  let b: TestApp
  beforeAll(async () => {
    database = await createTestDatabase()
    const env = { REDIS_URL: process.env.REDIS_URL!, PRESENCE_TTL_MS: '800', PRESENCE_SWEEP_MS: '100' }
    a = await buildTestApp(env, { database })
    b = await buildTestApp({ ...env, SEED_DEMO: 'false' }, { database })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.drop()
  })

  it('shares viewers between replicas and announces a lapsed lease once', async () => {
    const urlB = await b.app.listen({ port: 0, host: '127.0.0.1' })
    const jamieOnB = openEventStream(urlB, await b.login('jamie'))
    await jamieOnB.ready
    try {
      const jamie = await a.login('jamie')
      const sessionId = await sessionWithChat(a, jamie)
      const handoffId = (await escalate(a, jamie, sessionId)).json().id
      const sam = await a.login('sam')
      await a.app.inject({ method: 'POST', url: `/api/handoffs/${handoffId}/presence`, headers: { cookie: sam } })
      await jamieOnB.waitFor((e) => presenceOf(handoffId)(e) && names(e)[0] === 'Sam Patel')
      // Both replicas sweep; the conditional delete lets only one of them announce it.
      await jamieOnB.waitFor((e) => presenceOf(handoffId)(e) && names(e).length === 0, 5_000)
      await waitFor('both replicas to sweep again', async () => (await new Promise((r) => setTimeout(r, 400)), true))
      expect(jamieOnB.received.filter(presenceOf(handoffId)).map(names)).toEqual([['Sam Patel'], []])
    } finally {
      jamieOnB.close()
    }
  })
})
