import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { escalate, sessionWithChat } from '../support/fixtures.ts'
import { openEventStream } from '../support/sse-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'

/** Two replicas behind a load balancer: an event committed on one reaches a stream on the other. */
describe.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)('two replicas on Postgres + Redis', () => {
  let database: TestDatabase
  let a: TestApp
  let b: TestApp
  beforeAll(async () => {
    database = await createTestDatabase()
    a = await buildTestApp({ REDIS_URL: process.env.REDIS_URL! }, { database })
    b = await buildTestApp({ REDIS_URL: process.env.REDIS_URL!, SEED_DEMO: 'false' }, { database })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.drop()
  })

  it('delivers every event to every subscriber, once, whichever replica wrote it', async () => {
    expect(a.app.bus.kind).toBe('redis')
    const urlB = await b.app.listen({ port: 0, host: '127.0.0.1' })
    const samOnB = openEventStream(urlB, await b.login('sam'))
    await samOnB.ready
    try {
      const jamie = await a.login('jamie')
      const sessionId = await sessionWithChat(a, jamie)
      const handoffId = (await escalate(a, jamie, sessionId)).json().id
      await samOnB.waitFor((e) => e.type === 'handoff_assessment_ready' && e.data.handoff_id === handoffId)
      const ids = samOnB.received.map((e) => e.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(samOnB.received.map((e) => e.type)).toEqual(
        expect.arrayContaining(['message_created', 'handoff_created', 'notification_created', 'handoff_assessment_ready']),
      )
    } finally {
      samOnB.close()
    }
  })

  it('counts a rate limit across the replicas of one database, whatever address each reaches it by, apart from another database, and lets requests through while Redis is away', { timeout: 60_000 }, async () => {
    const limited = { REDIS_URL: process.env.REDIS_URL!, LOGIN_RATE_LIMIT: '3', SEED_DEMO: 'false' }
    const c = await buildTestApp(limited, { database })
    // The same database by another address (as through a PgBouncer sidecar): the same counts.
    const d = await buildTestApp({ ...limited, DATABASE_URL: otherAddress(database.env.DATABASE_URL!) }, { database })
    const elsewhere = await buildTestApp({ REDIS_URL: process.env.REDIS_URL!, LOGIN_RATE_LIMIT: '3' })
    const away = await buildTestApp({ REDIS_URL: 'redis://127.0.0.1:1', LOGIN_RATE_LIMIT: '3' })
    // Wrong passwords for an account that does not exist: counted by the limit, never locked out
    // before it (the per-account threshold is 5).
    const attempt = (app: TestApp) =>
      app.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.7', payload: { email: 'nobody@acme.example', password: 'wrong-password' } })
    try {
      expect((await attempt(c)).statusCode).toBe(401)
      expect((await attempt(d)).statusCode).toBe(401)
      expect((await attempt(c)).statusCode).toBe(401)
      // The fourth of the minute, on either replica.
      const refused = await attempt(d)
      expect(refused.statusCode).toBe(429)
      expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' })
      // Another deployment on the same Redis counts its own.
      expect((await attempt(elsewhere)).statusCode).toBe(401)
      // Redis unreachable: not counted, not refused, not a 5xx.
      for (let i = 0; i < 5; i++) expect((await attempt(away)).statusCode).toBe(401)
    } finally {
      await Promise.all([c.close(), d.close(), elsewhere.close(), away.close()])
    }
  })
})

/** The loopback database server by its other name (127.0.0.1 ⇄ localhost); any other host as it is. */
function otherAddress(url: string): string {
  const other = new URL(url)
  const swap: Record<string, string> = { '127.0.0.1': 'localhost', localhost: '127.0.0.1' }
  other.hostname = swap[other.hostname] ?? other.hostname
  return other.toString()
}
