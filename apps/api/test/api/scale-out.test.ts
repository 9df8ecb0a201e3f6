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
})
