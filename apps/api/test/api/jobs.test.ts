import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { openDatabase, type Database } from '../../src/db/database.ts'
import { transactWithEvents } from '../../src/lib/outbox.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { startFakeOpenAiServer, type FakeOpenAiServer, type RecordedRequest } from '../support/fake-openai-server.ts'
import { claim, escalate } from '../support/fixtures.ts'
import { startServerProcess } from '../support/server-process.ts'
import { openEventStream } from '../support/sse-client.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'

/**
 * The background work as a queue: each job is sent in the transaction of its cause, runs
 * once across crashes and replicas, ends in a visible failed state, and can start later.
 */
const ASSESSMENT = {
  summary_prose: 'Reception printer offline for all PCs while the device itself is healthy.',
  what_we_know: ['Printer answers ping at 10.0.20.45'],
  likely_cause: 'The queue on PRINT01 uses a WSD port.',
  suggested_steps: ['Switch the port to Standard TCP/IP on 10.0.20.45'],
  confidence: 'medium',
}

/** How every briefing starts (packages/shared buildBriefing). */
const BRIEFING = "I'm picking up this session from"
const isAssessment = (r: RecordedRequest) => Boolean(r.body?.response_format)
const mentions = (r: RecordedRequest, marker: string) => JSON.stringify(r.body).includes(marker)

/** Scripted per request: `hang` decides which requests never get an answer. */
function scriptedFake(hang: (r: RecordedRequest) => boolean) {
  return startFakeOpenAiServer({
    fallback: (r) =>
      hang(r)
        ? { kind: 'hang' }
        : isAssessment(r)
          ? { kind: 'json', content: JSON.stringify(ASSESSMENT) }
          : { kind: 'stream', text: 'Check the port type on PRINT01.', steps: [{ title: 'Check the port type', detail: 'Standard TCP/IP, not WSD.' }] },
  })
}

const llmEnv = (fake: FakeOpenAiServer) => ({
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: fake.baseURL,
  LLM_MODEL: 'fake-model',
  LLM_TIMEOUT_MS: '20000',
  ASSESSMENT_MAX_ATTEMPTS: '2',
})

/** A session of Jamie's with one message, written straight to the database: no model call. */
async function seededSession(prisma: Database['prisma'], content: string) {
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const session = await prisma.chatSession.create({
    data: {
      organizationId: jamie.organizationId,
      createdById: jamie.id,
      title: content.slice(0, 40),
      messages: { create: [{ role: 'user', authorId: jamie.id, content }] },
    },
  })
  return session.id
}

const jobCount = async (db: Database) =>
  (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job`))[0]!.n

/**
 * Counts pg-boss's fetches per queue while `work` runs, where they reach the database driver
 * (the pg client on Postgres, PGlite's query on the embedded database).
 */
async function countFetches(work: () => Promise<void>): Promise<Record<string, number>> {
  const fetches: Record<string, number> = {}
  const isFetch = (text: unknown) => typeof text === 'string' && /FROM pgboss\.job\s+WHERE name = \$1\s+AND state < 'active'/.test(text)
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const embedded = PGlite.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const originals = [client.query, embedded.query] as const
  client.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] }
    if (isFetch(config?.text)) fetches[String(config.values?.[0])] = (fetches[String(config.values?.[0])] ?? 0) + 1
    return originals[0].apply(this, args)
  }
  embedded.query = function (this: unknown, ...args: unknown[]) {
    if (isFetch(args[0])) fetches[String((args[1] as unknown[])[0])] = (fetches[String((args[1] as unknown[])[0])] ?? 0) + 1
    return originals[1].apply(this, args)
  }
  try {
    await work()
  } finally {
    ;[client.query, embedded.query] = originals
  }
  return fetches
}

describe('jobs are sent in the transaction of their cause', () => {
  let t: TestApp
  beforeAll(async () => {
    // Workers look at their queues once a minute here: every fetch counted below is a wake.
    t = await buildTestApp({ JOB_POLL_S: '60' })
  })
  afterAll(() => t?.close())

  it('leaves no job, no event and no handoff when the escalation fails at its COMMIT', async () => {
    const db = t.app.db
    const jamie = await t.login('jamie')
    const sessionId = await seededSession(db.prisma, 'The scanner on floor 2 will not send e-mail.')
    // A real failure at the very end of the escalate transaction, after every row and job
    // was written: a deferred constraint trigger refuses the handoff at COMMIT.
    await db.sql.exec(`
      CREATE FUNCTION refuse_handoff() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
      CREATE CONSTRAINT TRIGGER refuse_handoff AFTER INSERT ON "Handoff" DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.note = 'roll this back') EXECUTE FUNCTION refuse_handoff();`)
    const before = { jobs: await jobCount(db), events: await db.prisma.event.count(), handoffs: await db.prisma.handoff.count() }

    const res = await escalate(t, jamie, sessionId, { note: 'roll this back' }, { 'idempotency-key': 'roll-this-back' })
    expect(res.statusCode).toBe(500)
    expect({ jobs: await jobCount(db), events: await db.prisma.event.count(), handoffs: await db.prisma.handoff.count() }).toEqual(before)

    // The same escalation that commits sends exactly one assess-handoff job for its handoff,
    // and the escalation policy's two timers.
    const ok = await escalate(t, jamie, sessionId)
    expect(ok.statusCode).toBe(201)
    const jobs = await db.sql.query<{ name: string }>(`SELECT name FROM pgboss.job WHERE data->>'handoff_id' = $1 AND name NOT IN ('send-email', 'send-push')`, [ok.json().id])
    expect(jobs.map((j) => j.name).sort()).toEqual(['assess-handoff', 'renotify-handoff', 'widen-handoff'])
    await t.app.jobs.idle()
  })

  it('wakes one worker for the assessment of an escalation, and none for its timers', async () => {
    const jamie = await t.login('jamie')
    const sessionId = await seededSession(t.app.db.prisma, 'The label printer in shipping prints blank labels.')
    await t.app.jobs.idle()
    // The fetches idle() woke are answered before counting starts.
    await new Promise((r) => setTimeout(r, 300))
    const fetches = await countFetches(async () => {
      // Nothing else is queued: the next assessment to settle is this escalation's.
      const assessed = t.app.jobs.settled('assess-handoff', () => true)
      expect((await escalate(t, jamie, sessionId)).statusCode).toBe(201)
      expect(await assessed).toBe('completed')
      // A worker woken twice, or a second one, would fetch within moments of the first.
      await new Promise((r) => setTimeout(r, 300))
    })
    // Three workers per queue; the renotify and widen timers come due in minutes, found by the poll.
    expect(fetches).toEqual({ 'assess-handoff': 1 })
  })

  it('wakes a worker for each of two escalations committed at the same moment, not the same one twice', async () => {
    const jamie = await t.login('jamie')
    const sessions = await Promise.all(['The scanner saves to the wrong folder.', 'Teams drops every call after a minute.'].map((c) => seededSession(t.app.db.prisma, c)))
    await t.app.jobs.idle()
    await new Promise((r) => setTimeout(r, 300))
    const fetches = await countFetches(async () => {
      const answers = await Promise.all(sessions.map((id) => escalate(t, jamie, id)))
      const ids = answers.map((a) => a.json().id as string)
      // Both within moments: a job left for the poll would wait the minute this app polls at.
      const deadline = Date.now() + 20_000
      const ready = () => t.app.db.prisma.handoff.count({ where: { id: { in: ids }, assessmentStatus: 'ready' } })
      while ((await ready()) < 2) {
        if (Date.now() > deadline) throw new Error('an assessment waited for the poll')
        await new Promise((r) => setTimeout(r, 50))
      }
      await new Promise((r) => setTimeout(r, 300))
    })
    expect(fetches['assess-handoff']).toBe(2)
  })

  it('runs more jobs of one commit than a queue has workers at once, each worker looking again when done', async () => {
    await t.app.jobs.idle()
    await new Promise((r) => setTimeout(r, 300))
    // Seven assessments in one commit, three workers: four are owed a look. (These handoffs do
    // not exist: each job finds nothing to assess and completes at once.)
    const ids = Array.from({ length: 7 }, () => crypto.randomUUID())
    const started = Date.now()
    const fetches = await countFetches(async () => {
      const settled = ids.map((id) => t.app.jobs.settled('assess-handoff', (data) => data.handoff_id === id))
      await transactWithEvents(t.app.deps, async (_tx, _record, enqueue) => {
        for (const id of ids) await enqueue('assess-handoff', { handoff_id: id })
      })
      expect(await Promise.all(settled)).toEqual(ids.map(() => 'completed'))
      await new Promise((r) => setTimeout(r, 300))
    })
    // Left for the poll, the last four would wait the minute this app polls at.
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(fetches).toEqual({ 'assess-handoff': 7 })
  })
})

describe('a briefing the model cannot answer', () => {
  let t: TestApp
  let fake: FakeOpenAiServer
  let failBriefing = true
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({
      fallback: (r) =>
        isAssessment(r)
          ? { kind: 'json', content: JSON.stringify(ASSESSMENT) }
          : failBriefing && mentions(r, BRIEFING)
            ? { kind: 'status', status: 400, body: { error: { message: 'model overloaded' } } }
            : { kind: 'stream', text: 'Switch the port to Standard TCP/IP.' },
    })
    t = await buildTestApp(llmEnv(fake))
  })
  afterAll(async () => {
    await t?.close()
    await fake?.close()
  })

  it('ends failed where the chat shows it, and Retry answers it', async () => {
    const [jamie, sam] = [await t.login('jamie'), await t.login('sam')]
    const sessionId = await seededSession(t.app.db.prisma, 'The label printer prints blank pages.')
    const handoffId = (await escalate(t, jamie, sessionId)).json().id
    await t.app.jobs.idle()
    const samStream = openEventStream(await t.app.listen({ port: 0, host: '127.0.0.1' }), sam)
    await samStream.ready
    try {
      const settled = t.app.jobs.settled('answer-briefing', (d) => d.session_id === sessionId)
      expect((await claim(t, sam, handoffId, 'ai_analysis')).statusCode).toBe(200)
      expect(await settled).toBe('completed')
      const failed = await samStream.waitFor((e) => e.type === 'reply_failed' && e.data.session_id === sessionId)
      expect(failed.data.message).toEqual(expect.any(String))

      // The briefing stands unanswered and nobody is answering it: the chat offers Retry.
      const detail = (await t.app.inject({ url: `/api/sessions/${sessionId}`, headers: { cookie: sam } })).json()
      const briefing = detail.messages.at(-1)
      expect(briefing).toMatchObject({ role: 'user', author: { name: 'Sam Patel' }, answering: false })
      expect(briefing.content).toContain(BRIEFING)

      failBriefing = false
      const retried = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/reply`, headers: { cookie: sam } })
      expect(retried.statusCode).toBe(201)
      expect(retried.json()).toMatchObject({ user_message: { id: briefing.id }, assistant_message: { role: 'assistant', content: 'Switch the port to Standard TCP/IP.' } })
    } finally {
      samStream.close()
    }
  })
})

describe('durable across crashes and restarts', () => {
  let database: TestDatabase
  let dataDir: string | null = null
  beforeAll(async () => {
    if (usingPostgres()) database = await createTestDatabase()
    else {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-jobs-'))
      database = { env: { DATA_DIR: dataDir }, drop: async () => {} }
    }
  })
  afterAll(async () => {
    await database?.drop()
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true })
  })
  const openData = () => openDatabase(loadConfig({ NODE_ENV: 'test', ...database.env }).database)

  it('kill -9 in the middle of an assessment, then of a briefing answer: each runs again and its result is stored once', { timeout: 180_000 }, async () => {
    const marker = 'Marker 7f3a: the plotter in the design office'
    const hung = new Set<string>()
    // The first assessment and the first briefing answer of this session hang until the process dies.
    const fake = await scriptedFake((r) => {
      if (!mentions(r, marker)) return false
      const kind = isAssessment(r) ? 'assessment' : mentions(r, BRIEFING) ? 'briefing' : 'chat'
      if (kind === 'chat' || hung.has(kind)) return false
      hung.add(kind)
      return true
    })
    const env = { ...database.env, ...llmEnv(fake), JOB_TIMEOUT_S: '3' }
    const calls = (kind: 'assessment' | 'briefing') =>
      fake.requests.filter((r) => mentions(r, marker) && (kind === 'assessment' ? isAssessment(r) : !isAssessment(r) && mentions(r, BRIEFING))).length
    try {
      // Life 1: escalate; the assessment's model call hangs; the process is killed.
      const first = await startServerProcess(env)
      const jamie = await first.login('jamie')
      const session = await first.request('POST', '/api/sessions', jamie, { title: 'Plotter offline' })
      const sessionId = session.json.session.id as string
      expect((await first.request('POST', `/api/sessions/${sessionId}/messages`, jamie, { content: marker })).status).toBe(201)
      const handoffId = (await first.request('POST', `/api/sessions/${sessionId}/handoffs`, jamie, {})).json.id as string
      await expect.poll(() => calls('assessment'), { timeout: 10_000 }).toBe(1)
      first.child.kill('SIGKILL')
      expect(await first.exited).toBe(null)

      // Life 2: the lost job runs again once its timeout has passed; then the briefing hangs.
      const second = await startServerProcess(env)
      const sam = await second.login('sam')
      await expect
        .poll(async () => (await second.request('GET', `/api/handoffs/${handoffId}`, sam)).json.assessment_status, { timeout: 30_000, interval: 200 })
        .toBe('ready')
      expect(calls('assessment')).toBe(2)
      expect((await second.request('POST', `/api/handoffs/${handoffId}/claim`, sam, { option: 'ai_analysis' })).status).toBe(200)
      await expect.poll(() => calls('briefing'), { timeout: 10_000 }).toBe(1)
      second.child.kill('SIGKILL')
      await second.exited

      // Life 3: the briefing is answered, once.
      const third = await startServerProcess(env)
      const samAgain = await third.login('sam')
      await expect
        .poll(async () => (await third.request('GET', `/api/sessions/${sessionId}`, samAgain)).json.messages.at(-1).role, { timeout: 30_000, interval: 200 })
        .toBe('assistant')
      third.child.kill('SIGTERM')
      expect(await third.exited).toBe(0)
      expect(calls('briefing')).toBe(2)
    } finally {
      await fake.close()
    }

    // What is stored: one assessment, one answer to the briefing.
    const db = await openData()
    try {
      const events = await db.prisma.event.findMany({ where: { type: 'handoff_assessment_ready' } })
      const ours = await db.prisma.handoff.findFirstOrThrow({ where: { session: { messages: { some: { content: marker } } } } })
      expect(events.filter((e) => (e.payload as { handoff_id: string }).handoff_id === ours.id)).toHaveLength(1)
      expect(ours).toMatchObject({ assessmentStatus: 'ready', assessment: ASSESSMENT })
      const messages = await db.prisma.message.findMany({ where: { sessionId: ours.sessionId }, orderBy: { createdAt: 'asc' } })
      const briefingAt = messages.findIndex((m) => m.content.includes(BRIEFING))
      expect(messages.slice(briefingAt + 1).map((m) => m.role)).toEqual(['assistant'])
    } finally {
      await db.close()
    }
  })

  it('runs a job sent for later at its time, after a restart in between', { timeout: 60_000 }, async () => {
    const first = await buildTestApp({}, { database })
    const sessionId = await seededSession(first.app.db.prisma, 'The VPN drops every 10 minutes.')
    const jamie = await first.app.db.prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
    const handoff = await first.app.db.prisma.handoff.create({ data: { organizationId: jamie.organizationId, sessionId, handedOffById: jamie.id } })
    const sentAt = Date.now()
    await first.app.db.prisma.$transaction((tx) => first.app.jobs.send(tx, 'assess-handoff', { handoff_id: handoff.id }, { startAfter: 4 }))
    await first.close()

    const second = await buildTestApp({ SEED_DEMO: 'false' }, { database })
    try {
      await expect
        .poll(() => second.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } }).then((h) => h.assessmentStatus), { timeout: 30_000, interval: 100 })
        .toBe('ready')
      // Written by the second life, and not before its time.
      const { assessedAt } = await second.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })
      expect(assessedAt!.getTime() - sentAt).toBeGreaterThanOrEqual(4000)
    } finally {
      await second.close()
    }
  })
})

describe.skipIf(!usingPostgres())('two replicas on one Postgres', () => {
  let database: TestDatabase
  let a: TestApp
  let b: TestApp
  let fake: FakeOpenAiServer
  beforeAll(async () => {
    fake = await scriptedFake(() => false)
    database = await createTestDatabase()
    a = await buildTestApp(llmEnv(fake), { database })
    b = await buildTestApp({ ...llmEnv(fake), SEED_DEMO: 'false' }, { database })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.drop()
    await fake?.close()
  })

  it('assesses each of 50 escalations exactly once, whichever replica takes it', { timeout: 120_000 }, async () => {
    await a.app.jobs.idle()
    fake.requests.length = 0
    const ran = { a: 0, b: 0 }
    // A predicate that never matches: it sees every run this replica finishes, and counts it.
    for (const [name, app] of [['a', a], ['b', b]] as const) {
      void app.app.jobs.settled('assess-handoff', () => (ran[name]++, false))
    }
    const cookies = { a: await a.login('jamie'), b: await b.login('jamie') }
    const handoffIds = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const via = i % 2 === 0 ? a : b
        const sessionId = await seededSession(via.app.db.prisma, `Escalation ${i}: the file share is slow`)
        const res = await escalate(via, i % 2 === 0 ? cookies.a : cookies.b, sessionId)
        expect(res.statusCode).toBe(201)
        return res.json().id as string
      }),
    )
    await a.app.jobs.idle()
    await b.app.jobs.idle()

    expect(fake.requests.filter(isAssessment)).toHaveLength(50)
    expect(ran.a + ran.b).toBe(50)
    const handoffs = await a.app.db.prisma.handoff.findMany({ where: { id: { in: handoffIds } } })
    expect(handoffs.every((h) => h.assessmentStatus === 'ready')).toBe(true)
    const ready = await a.app.db.prisma.event.findMany({ where: { type: 'handoff_assessment_ready' } })
    const perHandoff = new Map<string, number>()
    for (const e of ready) {
      const id = (e.payload as { handoff_id: string }).handoff_id
      perHandoff.set(id, (perHandoff.get(id) ?? 0) + 1)
    }
    expect(handoffIds.map((id) => perHandoff.get(id))).toEqual(handoffIds.map(() => 1))
  })
})
