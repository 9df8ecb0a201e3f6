import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.ts'
import { escalate } from '../support/fixtures.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'

/**
 * The assessment through the real `openai` SDK against the fake OpenAI-compatible server:
 * one strict structured call per escalation, stored verbatim, retried, failed, regenerated,
 * and resumed after a restart.
 */
const ASSESSMENT = {
  summary_prose: 'Reception printer offline for all PCs while the device itself is healthy.',
  what_we_know: ['Printer answers ping at 10.0.20.45', 'Spooler restart on PRINT01 did not help'],
  likely_cause: 'The queue on PRINT01 uses a WSD port or SNMP status monitoring the printer does not answer.',
  suggested_steps: ['Switch the port to Standard TCP/IP on 10.0.20.45', 'Disable SNMP status on the port'],
  confidence: 'medium',
}

let fake: FakeOpenAiServer
beforeAll(async () => {
  fake = await startFakeOpenAiServer()
})
afterAll(() => fake?.close())
beforeEach(() => {
  fake.requests.length = 0
})

const llmEnv = () => ({
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: fake.baseURL,
  LLM_MODEL: 'fake-model',
  LLM_TIMEOUT_MS: '2000',
  ASSESSMENT_MAX_ATTEMPTS: '3',
})

/** A session with a conversation written straight to the database: no chat calls reach the fake. */
async function seededSession(t: TestApp) {
  const jamie = await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const session = await t.app.db.prisma.chatSession.create({
    data: {
      organizationId: jamie.organizationId,
      createdById: jamie.id,
      title: 'Printer offline',
      messages: { create: [{ role: 'user', authorId: jamie.id, content: 'The reception printer shows offline; it pings fine.' }] },
      tasks: { create: [{ title: 'Ping the printer', detail: 'ping 10.0.20.45', titleKey: 'ping the printer', status: 'done', position: 0 }] },
    },
  })
  return session.id
}

const assessmentRequests = () => fake.requests.filter((r) => r.body?.response_format)

describe('with the OpenAI-compatible assistant', () => {
  let t: TestApp
  let jamie: string
  let sam: string
  beforeAll(async () => {
    t = await buildTestApp(llmEnv())
    ;[jamie, sam] = await Promise.all([t.login('jamie'), t.login('sam')])
  })
  afterAll(() => t?.close())

  it('makes exactly one strict structured call and stores its answer verbatim', async () => {
    fake.enqueue({ kind: 'json', content: JSON.stringify(ASSESSMENT) })
    const sessionId = await seededSession(t)
    const res = await escalate(t, jamie, sessionId, { note: 'Port settings are beyond my rights.' })
    expect(res.statusCode).toBe(201)
    expect(res.json().assessment_status).toBe('pending')
    await t.app.jobs.idle()

    expect(fake.requests).toHaveLength(1)
    const body = fake.requests[0]!.body
    expect(body.model).toBe('fake-model')
    expect(body.stream).toBeFalsy()
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'handoff_assessment', strict: true } })
    const schema = body.response_format.json_schema.schema
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required.sort()).toEqual(['confidence', 'likely_cause', 'suggested_steps', 'summary_prose', 'what_we_know'])
    // The model reads the conversation, the task lane and the junior's note.
    const sent = JSON.stringify(body.messages)
    expect(sent).toContain('it pings fine')
    expect(sent).toContain('Ping the printer')
    expect(sent).toContain('Port settings are beyond my rights.')

    const handoff = (await t.app.inject({ url: `/api/handoffs/${res.json().id}`, headers: { cookie: sam } })).json()
    expect(handoff.assessment_status).toBe('ready')
    expect(handoff.ai_assessment_data).toEqual(ASSESSMENT)
    expect(handoff.assessed_at).toEqual(expect.any(String))
  })

  it('retries after a malformed answer and stores the valid one', async () => {
    fake.enqueue({ kind: 'json', content: '{"summary_prose": "cut off' }, { kind: 'json', content: JSON.stringify(ASSESSMENT) })
    const res = await escalate(t, jamie, await seededSession(t))
    await t.app.jobs.idle()
    expect(assessmentRequests()).toHaveLength(2)
    const row = await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: res.json().id } })
    expect(row).toMatchObject({ assessmentStatus: 'ready', assessmentAttempts: 2, assessment: ASSESSMENT })
  })

  it('marks the assessment failed after the last attempt, and regenerate makes one new call', async () => {
    fake.enqueue(
      { kind: 'json', content: JSON.stringify({ ...ASSESSMENT, confidence: 'maybe' }) },
      { kind: 'status', status: 500, body: { error: { message: 'overloaded' } } },
      { kind: 'json', content: 'not json at all' },
    )
    const res = await escalate(t, jamie, await seededSession(t))
    const id = res.json().id
    await t.app.jobs.idle()
    expect(assessmentRequests()).toHaveLength(3)
    const failed = (await t.app.inject({ url: `/api/handoffs/${id}`, headers: { cookie: sam } })).json()
    expect(failed).toMatchObject({ assessment_status: 'failed', ai_assessment_data: null, assessment_error: expect.any(String) })
    const failedEvent = await t.app.db.prisma.event.findFirst({ where: { type: 'handoff_assessment_ready', payload: { path: ['handoff_id'], equals: id } } })
    expect(failedEvent?.payload).toMatchObject({ assessment_status: 'failed' })

    fake.enqueue({ kind: 'json', content: JSON.stringify(ASSESSMENT) })
    const regen = await t.app.inject({ method: 'POST', url: `/api/handoffs/${id}/assessment/regenerate`, headers: { cookie: sam } })
    expect(regen.statusCode).toBe(202)
    await t.app.jobs.idle()
    expect(assessmentRequests()).toHaveLength(4)
    const ready = (await t.app.inject({ url: `/api/handoffs/${id}`, headers: { cookie: sam } })).json()
    expect(ready).toMatchObject({ assessment_status: 'ready', ai_assessment_data: ASSESSMENT, assessment_error: null })
    // Open screens heard that the failed assessment is being written again, then that it is ready.
    const events = await t.app.db.prisma.event.findMany({ where: { payload: { path: ['handoff_id'], equals: id } }, orderBy: { id: 'asc' } })
    expect(events.map((e) => [e.type, (e.payload as { assessment_status?: string }).assessment_status])).toEqual([
      ['handoff_created', undefined],
      ['handoff_assessment_ready', 'failed'],
      ['handoff_assessment_pending', undefined],
      ['handoff_assessment_ready', 'ready'],
    ])
  })

  it('times out a model that does not answer, then fails cleanly', async () => {
    fake.enqueue({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' })
    const started = Date.now()
    const res = await escalate(t, jamie, await seededSession(t))
    expect(Date.now() - started).toBeLessThan(1000)
    await t.app.jobs.idle()
    const row = await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: res.json().id } })
    expect(row.assessmentStatus).toBe('failed')
    expect(row.assessmentError).toMatch(/timed out/)
  })

  it('answers 404 to regenerate for another organization', async () => {
    const res = await escalate(t, jamie, await seededSession(t))
    await t.app.jobs.idle()
    const priya = await t.login('priya')
    const regen = await t.app.inject({ method: 'POST', url: `/api/handoffs/${res.json().id}/assessment/regenerate`, headers: { cookie: priya } })
    expect(regen.statusCode).toBe(404)
  })
})

describe('durability', () => {
  let database: TestDatabase
  let env: Record<string, string>
  const dirs: string[] = []
  beforeAll(async () => {
    if (usingPostgres()) {
      database = await createTestDatabase()
      env = llmEnv()
    } else {
      // The embedded database in a folder, so a second app instance opens the same data.
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-durable-'))
      dirs.push(dir)
      database = { env: { DATA_DIR: dir }, drop: async () => {} }
      env = llmEnv()
    }
  })
  afterAll(async () => {
    await database?.drop()
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true })
  })

  it('completes an assessment left pending by a restart, exactly once', { timeout: 120_000 }, async () => {
    // First run: the model hangs; the server shuts down mid-call.
    const first = await buildTestApp({ ...env, LLM_TIMEOUT_MS: '30000' }, { database })
    fake.requests.length = 0
    fake.enqueue({ kind: 'hang' })
    const handoffId = (await escalate(first, await first.login('jamie'), await seededSession(first))).json().id
    await fake.waitForRequest(0)
    await first.close()
    expect(fake.requests).toHaveLength(1)
    expect((await fake.waitForDisconnect(0).then(() => fake.requests[0]!.clientDisconnected))).toBe(true)

    // Second run: the job, handed back to the queue at shutdown, runs again and the model answers.
    fake.enqueue({ kind: 'json', content: JSON.stringify(ASSESSMENT) })
    const second = await buildTestApp(env, { database })
    await expect.poll(() => second.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } }).then((h) => h.assessmentStatus), { timeout: 10_000 }).toBe('ready')
    await second.app.jobs.idle()
    expect(fake.requests).toHaveLength(2)
    await second.close()

    // Third run: the assessment is stored; no model call is made again.
    const third = await buildTestApp(env, { database })
    await third.app.jobs.idle()
    expect(fake.requests).toHaveLength(2)
    await third.close()
  })
})
