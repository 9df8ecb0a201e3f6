import { AsyncLocalStorage } from 'node:async_hooks'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LlmError } from '../../src/llm/assistant.ts'
import { assessHandoff } from '../../src/services/handoffs/assess-handoff.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate } from '../support/fixtures.ts'
import { usingPostgres } from '../support/test-database.ts'

/**
 * SQL statements per request, counted where they reach the database driver (every
 * statement of the pg client, BEGIN and COMMIT included; on PGlite every query, exec and
 * transaction's BEGIN/COMMIT). A request's statements are told from background work's by
 * the async context the driver is called in: each measured request runs inside its own
 * tally. Two kinds of work triggered by a request are not its own and are left out:
 *  - the job workers (stopped for the measurement; their polls share the pg pool, and a
 *    query waiting for a pooled connection would run in whoever released it's context);
 *  - the fan-out: a commit's bus hint makes the replica's one relay read the outbox for all
 *    its streams (shared work, counted apart and printed, not budgeted here).
 * A budget is a ceiling: a change that adds a statement to one of these requests fails here.
 */
// A sign-in is resolved by one query and then trusted for 10 s by this replica
// (services/auth/session-cache.ts): these are a signed-in user's requests after their
// first, which the sign-in query (one statement) adds to on a cold cache.
const BUDGET = {
  // Issue #14's goal is 5: one data-modifying CTE (the conditional UPDATE, the session's
  // activity, the bell notification, the outbox rows, and the handoff read back for the answer).
  claim: 1,
  // The goal is 6: the session with its latest handoff and its organization (recipients,
  // policy, webhooks), BEGIN, one data-modifying CTE (the handoff, the notifications, the outbox
  // rows), the session's activity while it is open (after the handoff, as every handoff write
  // locks them), the jobs (one insert), COMMIT.
  escalate: 6,
  // The session (with its messages and tasks), its handoffs.
  getSession: 2,
  // Nothing until `ready`: the sign-in is known.
  openStream: 0,
  // The assessment job's own work (pg-boss's fetch and completion come on top): the handoff,
  // the conversation, the similar sessions, and one statement for the result and its event.
  assessment: 4,
}

interface Tally {
  statements: string[]
}
const context = new AsyncLocalStorage<Tally>()
const note = (sql: unknown, tally = context.getStore()) => {
  if (!tally) return
  const text = typeof sql === 'string' ? sql : ((sql as { text?: string })?.text ?? String(sql))
  tally.statements.push(text.replace(/\s+/g, ' ').trim().slice(0, 160))
}

type AnyFn = (...args: any[]) => any
const patched: Array<() => void> = []
function patch<T extends object>(target: T, key: string, wrap: (original: AnyFn) => AnyFn) {
  const original = (target as Record<string, AnyFn>)[key]!
  ;(target as Record<string, AnyFn>)[key] = wrap(original)
  patched.push(() => void ((target as Record<string, AnyFn>)[key] = original))
}

// Postgres: every statement goes through Client#query (Pool#query calls it too, and the
// Prisma adapter sends BEGIN and COMMIT through it).
patch(pg.Client.prototype, 'query', (original) =>
  function (this: pg.Client, ...args: unknown[]) {
    note(args[0])
    return original.apply(this, args)
  },
)
// PGlite: query and exec on the instance, and a transaction's own BEGIN, statements and COMMIT/ROLLBACK.
for (const key of ['query', 'exec']) {
  patch(PGlite.prototype, key, (original) =>
    function (this: PGlite, ...args: unknown[]) {
      note(args[0])
      return original.apply(this, args)
    },
  )
}
patch(PGlite.prototype, 'transaction', (original) =>
  function (this: PGlite, fn: (tx: any) => Promise<unknown>) {
    const tally = context.getStore()
    note('BEGIN', tally)
    let rolledBack = false
    return original.call(this, async (tx: any) => {
      const counted = new Proxy(tx, {
        get(target, key) {
          if (key === 'query' || key === 'exec') {
            return (...args: unknown[]) => {
              note(args[0])
              return target[key](...args)
            }
          }
          if (key === 'rollback') {
            return () => {
              rolledBack = true
              note('ROLLBACK', tally)
              return target.rollback()
            }
          }
          return target[key]
        },
      })
      try {
        const result = await fn(counted)
        if (!rolledBack) note('COMMIT', tally)
        return result
      } catch (err) {
        if (!rolledBack) note('ROLLBACK', tally)
        throw err
      }
    })
  },
)

let t: TestApp
let sam: string
let jamie: string
const fanout: Tally = { statements: [] }

/** The statements `request` sent to the database, with `cookie`'s sign-in just resolved (see BUDGET). */
async function count<T>(cookie: string, request: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
  const tally: Tally = { statements: [] }
  // Awaited inside the tally: inject's answer is a thenable that starts the request when awaited.
  const result = await context.run(tally, async () => await request())
  return { result, statements: tally.statements }
}

const newSession = async (title: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie }, payload: { title } })
  return res.json().session.id as string
}

beforeAll(async () => {
  t = await buildTestApp()
  ;[sam, jamie] = await Promise.all([t.login('sam'), t.login('jamie')])
  await t.app.jobs.stop()
  const bus = t.app.bus
  const publish = bus.publish.bind(bus)
  bus.publish = (event) => context.run(fanout, () => publish(event))
  // Each user's first request of the period records their activity (one write, at most once
  // every few minutes): the budgets are for the requests after it.
  for (const cookie of [sam, jamie]) await t.app.inject({ method: 'GET', url: '/api/sessions', headers: { cookie } })
})
afterAll(async () => {
  await t?.close()
  for (const undo of patched) undo()
})

const report = (what: string, statements: string[]) =>
  console.log(`${what} (${usingPostgres() ? 'postgres' : 'pglite'}): ${statements.length} statements\n  ${statements.join('\n  ')}`)

describe('statements per request', () => {
  it(`escalate sends at most ${BUDGET.escalate}`, async () => {
    const sessionId = await newSession('Budget: escalate')
    const { result, statements } = await count(jamie, () => escalate(t, jamie, sessionId))
    expect(result.statusCode).toBe(201)
    report('escalate', statements)
    expect(statements.length).toBeLessThanOrEqual(BUDGET.escalate)
  })

  it(`claim (continue) sends at most ${BUDGET.claim}`, async () => {
    const sessionId = await newSession('Budget: claim')
    const handoffId = (await escalate(t, jamie, sessionId)).json().id as string
    const { result, statements } = await count(sam, () => claim(t, sam, handoffId, 'continue'))
    expect(result.statusCode).toBe(200)
    report('claim', statements)
    expect(statements.length).toBeLessThanOrEqual(BUDGET.claim)
    // The one statement wrote what the answer says: a later read and Jamie's bell agree with it.
    const answered = result.json()
    const read = (await t.app.inject({ method: 'GET', url: `/api/handoffs/${handoffId}`, headers: { cookie: sam } })).json()
    expect(read).toMatchObject({ status: 'claimed', claimed_by: answered.claimed_by, claimed_at: answered.claimed_at, claim_option: 'continue' })
    // The statement builds the handoff's relations itself (not through Prisma's include): the same document as a read.
    expect(answered).toEqual(read)
    const bell = (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: jamie } })).json()
    expect(bell.notifications[0]).toMatchObject({ kind: 'handoff_claimed', session_id: sessionId, created_at: answered.claimed_at })
  })

  it(`the assessment of an escalation sends at most ${BUDGET.assessment}, and stores one result however often it runs`, async () => {
    const sessionId = await newSession('Budget: assessment')
    const handoffId = (await escalate(t, jamie, sessionId)).json().id as string
    const tally: Tally = { statements: [] }
    const settings = { maxAttempts: 1, backoffMs: 0 }
    const outcome = await context.run(tally, () => assessHandoff({ ...t.app.deps, settings }, { handoffId, signal: new AbortController().signal }))
    expect(outcome).toBe('ready')
    report('assessment', tally.statements)
    expect(tally.statements.length).toBeLessThanOrEqual(BUDGET.assessment)
    // Its one statement stored the assessment, and announced it with the handoff's session.
    const read = (await t.app.inject({ method: 'GET', url: `/api/handoffs/${handoffId}`, headers: { cookie: sam } })).json()
    expect(read).toMatchObject({ assessment_status: 'ready', assessment_error: null, ai_assessment_data: { summary_prose: expect.stringContaining('Budget: assessment') } })
    const [event] = await t.app.db.prisma.event.findMany({ where: { type: 'handoff_assessment_ready', payload: { path: ['handoff_id'], equals: handoffId } } })
    expect(event!.payload).toEqual({ handoff_id: handoffId, session_id: sessionId, assessment_status: 'ready' })
    // Run again (a job run twice), it stores nothing and announces nothing.
    expect(await assessHandoff({ ...t.app.deps, settings }, { handoffId, signal: new AbortController().signal })).toBe('skipped')
    expect(await t.app.db.prisma.event.count({ where: { type: 'handoff_assessment_ready', payload: { path: ['handoff_id'], equals: handoffId } } })).toBe(1)

    // Two runs at once (a job taken for lost while it still ran): both may pass the first read;
    // the statement's guard stores one result, once.
    const other = (await escalate(t, jamie, await newSession('Budget: assessment twice'))).json().id as string
    const runs = await Promise.all([1, 2].map(() => assessHandoff({ ...t.app.deps, settings }, { handoffId: other, signal: new AbortController().signal })))
    expect(runs.sort()).toEqual(['ready', 'skipped'])
    expect(await t.app.db.prisma.event.count({ where: { type: 'handoff_assessment_ready', payload: { path: ['handoff_id'], equals: other } } })).toBe(1)
    expect((await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: other } })).assessmentAttempts).toBe(1)

    // A regenerate that fails keeps the assessment there was (the screen and the briefing still show it).
    await t.app.db.prisma.handoff.update({ where: { id: handoffId }, data: { assessmentStatus: 'pending' } })
    const failing = { ...t.app.deps.assistant, assess: async () => Promise.reject(new LlmError('TIMEOUT', 'the model timed out')) }
    expect(await assessHandoff({ ...t.app.deps, assistant: failing, settings }, { handoffId, signal: new AbortController().signal })).toBe('failed')
    const failed = (await t.app.inject({ method: 'GET', url: `/api/handoffs/${handoffId}`, headers: { cookie: sam } })).json()
    expect(failed).toMatchObject({ assessment_status: 'failed', assessment_error: 'The assistant timed out while writing the assessment.', ai_assessment_data: read.ai_assessment_data })
  })

  it(`GET /api/sessions/:id sends at most ${BUDGET.getSession}`, async () => {
    const sessionId = await newSession('Budget: read')
    const { result, statements } = await count(jamie, () => t.app.inject({ method: 'GET', url: `/api/sessions/${sessionId}`, headers: { cookie: jamie } }))
    expect(result.statusCode).toBe(200)
    report('GET session', statements)
    expect(statements.length).toBeLessThanOrEqual(BUDGET.getSession)
  })

  it('a sign-in this replica has not resolved yet costs one statement, once', async () => {
    const fresh = await t.login('sam')
    const me = () => t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: fresh } })
    const first = await context.run({ statements: [] }, async () => {
      const tally = context.getStore()!
      expect((await me()).statusCode).toBe(200)
      return tally.statements
    })
    report('GET /api/me, new sign-in', first)
    expect(first).toHaveLength(1)
    expect(first[0]).toMatch(/"AuthSession"/)
    const again = await count(fresh, me)
    expect(again.statements).toEqual([])
  })

  it(`opening the event stream sends at most ${BUDGET.openStream} until ready`, async () => {
    await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sam } })
    const tally: Tally = { statements: [] }
    const res = await context.run(tally, async () =>
      await t.app.inject({ method: 'GET', url: '/api/events', headers: { cookie: sam, accept: 'text/event-stream' }, payloadAsStream: true }),
    )
    expect(res.statusCode).toBe(200)
    const stream = res.stream()
    let text = ''
    for await (const chunk of stream) {
      text += chunk.toString()
      if (text.includes('event: ready')) break
    }
    const statements = [...tally.statements]
    stream.destroy()
    report('open stream', statements)
    expect(statements.length).toBeLessThanOrEqual(BUDGET.openStream)
  })

  it('the fan-out is counted apart', () => {
    report('fan-out (relay reads on bus hints, all tests)', fanout.statements)
  })
})
