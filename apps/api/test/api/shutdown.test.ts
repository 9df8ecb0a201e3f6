import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.ts'
import { startServerProcess } from '../support/server-process.ts'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'

/**
 * SIGTERM with everything that can hold a process up: an open SSE stream, a chat reply and
 * an assessment whose model calls hang. The server exits 0, within 10 s.
 */
describe('shutdown', () => {
  let fake: FakeOpenAiServer
  let database: TestDatabase
  beforeAll(async () => {
    // The demo's own assessment is answered; everything after it hangs.
    let answered = false
    fake = await startFakeOpenAiServer({
      fallback: (r) => {
        if (!answered && r.body?.response_format) {
          answered = true
          return { kind: 'json', content: JSON.stringify({ summary_prose: 'Demo.', what_we_know: [], likely_cause: 'Unknown.', suggested_steps: [], confidence: 'low' }) }
        }
        return { kind: 'hang' }
      },
    })
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await fake?.close()
    await database?.drop()
  })

  it('exits 0 within 10 s of SIGTERM while the model hangs', { timeout: 90_000 }, async () => {
    const server = await startServerProcess({
      ...(database.env.DATA_DIR === 'memory://' ? { DATA_DIR: 'memory://' } : database.env),
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.baseURL,
      LLM_TIMEOUT_MS: '120000',
    })
    const jamie = await server.login('jamie')
    await expect.poll(() => fake.requests.length, { timeout: 15_000 }).toBe(1)

    const events = await fetch(`${server.url}/api/events`, { headers: { cookie: jamie, accept: 'text/event-stream' } })
    expect(events.status).toBe(200)
    const session = (await server.request('POST', '/api/sessions', jamie, {})).json.session.id as string
    // A streamed chat reply whose model never answers...
    const chat = await fetch(`${server.url}/api/sessions/${session}/messages`, {
      method: 'POST',
      headers: { cookie: jamie, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'The shared mailbox is not syncing.' }),
    })
    expect(chat.status).toBe(200)
    // ...and an assessment whose model never answers either.
    expect((await server.request('POST', `/api/sessions/${session}/handoffs`, jamie, {})).status).toBe(201)
    await expect.poll(() => fake.requests.length, { timeout: 10_000 }).toBe(3)

    const started = performance.now()
    server.child.kill('SIGTERM')
    const code = await server.exited
    const tookMs = performance.now() - started
    console.log(`shutdown: exit ${code} after ${tookMs.toFixed(0)} ms with an SSE stream open and two model calls hanging`)
    expect(code).toBe(0)
    expect(tookMs).toBeLessThan(10_000)
    // The live stream was ended by the server, not left hanging.
    await expect(events.text()).resolves.toEqual(expect.any(String))
  })
})
