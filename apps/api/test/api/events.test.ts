import { LiveEventPayloadSchemas } from '@resolutionflow/shared/events.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate, sessionWithChat } from '../support/fixtures.ts'
import { EventSource } from 'eventsource'
import { openEventStream, parseSse } from '../support/sse-client.ts'

let t: TestApp
let baseUrl: string
const cookies = {} as Record<'jamie' | 'sam' | 'morgan' | 'alex' | 'priya', string>
const streams: Array<{ close(): void }> = []

beforeAll(async () => {
  // Open streams are checked against their sign-ins every 300 ms (see the last describe).
  t = await buildTestApp({ SSE_HEARTBEAT_MS: '200', SSE_RECHECK_MS: '300' })
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  for (const u of ['jamie', 'sam', 'morgan', 'alex', 'priya'] as const) cookies[u] = await t.login(u)
})
afterAll(async () => {
  for (const s of streams) s.close()
  await t?.close()
})

async function subscribe(who: keyof typeof cookies) {
  const stream = openEventStream(baseUrl, cookies[who])
  streams.push(stream)
  await stream.ready
  return stream
}

/** Another junior of Acme, signed in like anyone else, with their stream open. */
async function signInColleague(name: string, email: string) {
  const prisma = t.app.db.prisma
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.jamie.email } })
  const user = await prisma.user.create({
    data: { organizationId: jamie.organizationId, email, name, role: 'engineer', passwordHash: jamie.passwordHash },
  })
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } })
  const cookie = `rf_session=${login.cookies.find((c) => c.name === 'rf_session')!.value}`
  const stream = openEventStream(baseUrl, cookie)
  streams.push(stream)
  await stream.ready
  return { user, cookie, stream, jamieId: jamie.id }
}

describe('GET /api/events', () => {
  it('delivers every domain event type to the organization, each with its outbox id', async () => {
    const sam = await subscribe('sam')
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const task = (await t.app.db.prisma.taskItem.findFirstOrThrow({ where: { sessionId } })).id
    await t.app.inject({ method: 'PATCH', url: `/api/sessions/${sessionId}/tasks/${task}`, headers: { cookie: cookies.jamie }, payload: { status: 'done' } })
    const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id
    await sam.waitFor((e) => e.type === 'handoff_assessment_ready' && e.data.handoff_id === handoffId)
    await claim(t, cookies.morgan, handoffId, 'own')
    await sam.waitFor((e) => e.type === 'handoff_claimed' && e.data.handoff_id === handoffId)

    const types = new Set(sam.received.map((e) => e.type))
    expect([...types].sort()).toEqual(
      ['handoff_assessment_ready', 'handoff_claimed', 'handoff_created', 'message_created', 'notification_created', 'task_lane_updated'].sort(),
    )
    expect(sam.received.find((e) => e.type === 'handoff_claimed')!.data).toEqual({
      handoff_id: handoffId,
      session_id: sessionId,
      claimed_by: { id: expect.any(String), name: 'Morgan Lee' },
      claim_option: 'own',
    })
    expect(sam.received.find((e) => e.type === 'handoff_assessment_ready')!.data).toMatchObject({ assessment_status: 'ready' })
    // Ids are the outbox rows' ids.
    for (const e of sam.received) {
      const row = await t.app.db.prisma.event.findUniqueOrThrow({ where: { id: BigInt(e.id) } })
      expect(row.type).toBe(e.type)
    }
  })

  it("never sends another organization's events, nor another user's notifications", async () => {
    const priya = await subscribe('priya')
    const jamie = await subscribe('jamie')
    const sam = await subscribe('sam')
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id
    await sam.waitFor((e) => e.type === 'notification_created' && e.data.session_id === sessionId)
    await jamie.waitFor((e) => e.type === 'handoff_created' && e.data.handoff_id === handoffId)

    // A Globex event proves Priya's stream is live: she gets hers and none of Acme's.
    const globexSession = await sessionWithChat(t, cookies.alex, 'VPN keeps dropping')
    await priya.waitFor((e) => e.type === 'message_created' && e.data.session_id === globexSession)
    expect(priya.received.some((e) => e.data.session_id === sessionId)).toBe(false)
    // Jamie sees the handoff but not the seniors' notifications about it.
    expect(jamie.received.some((e) => e.type === 'notification_created' && e.data.session_id === sessionId)).toBe(false)
  })

  it('delivers each row to exactly the streams that may see it: two organizations, two users, two tabs each', { timeout: 60_000 }, async () => {
    const prisma = t.app.db.prisma
    await t.app.jobs.idle()
    const who = {} as Record<'jamie' | 'sam' | 'priya' | 'alex', { id: string; organizationId: string; role: string }>
    const emails = { jamie: 'engineer@resolutionflow.example.com', sam: 'senior@resolutionflow.example.com', priya: 'admin@globex.example.com', alex: 'engineer@globex.example.com' }
    for (const [name, email] of Object.entries(emails)) who[name as keyof typeof who] = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, organizationId: true, role: true } })
    const open = [] as Array<{ user: keyof typeof who; stream: Awaited<ReturnType<typeof subscribe>> }>
    for (const user of ['jamie', 'jamie', 'sam', 'sam', 'priya', 'alex'] as const) open.push({ user, stream: await subscribe(user) })
    // Every stream is live from here: rows after this one are the ones to account for.
    const start = (await prisma.event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n

    // Acme: an escalation (org-wide handoff_created, Sam's own notification_created); then
    // Globex's own activity; then Acme again, so each organization's streams get a row of
    // their own after every row of the other's.
    const acmeSession = await sessionWithChat(t, cookies.jamie)
    await escalate(t, cookies.jamie, acmeSession)
    await sessionWithChat(t, cookies.alex, 'VPN keeps dropping')
    await sessionWithChat(t, cookies.jamie, 'Outlook asks for the password again and again')
    await t.app.jobs.idle()

    const rows = await prisma.event.findMany({ where: { id: { gt: start } }, orderBy: [{ txid: 'asc' }, { id: 'asc' }] })
    for (const { user, stream } of open) {
      const expected = rows
        // A junior gets the organization's rows about their own sessions only (all of Jamie's and Alex's here).
        .filter((r) => r.organizationId === who[user].organizationId && (r.userId === who[user].id || (r.userId === null && (who[user].role !== 'engineer' || r.startedById === who[user].id))))
        .map((r) => r.id.toString())
      expect(expected.length).toBeGreaterThan(0)
      // Rows arrive in this order, so once the last has arrived so has any row sent by mistake before it.
      await stream.waitFor((e) => e.id === expected.at(-1))
      await new Promise((r) => setTimeout(r, 200))
      // (A live-only event has no id of its own: EventSource reports the previous one.)
      const rowsReceived = stream.received.filter((e) => !(e.type in LiveEventPayloadSchemas) && BigInt(e.id) > start)
      expect(rowsReceived.map((e) => e.id), `${user}'s stream`).toEqual(expected)
    }
    // Not vacuous: Sam's tabs both got a row of Sam's own, and Jamie's did not.
    const samsOwn = rows.filter((r) => r.userId === who.sam.id).map((r) => r.id.toString())
    expect(samsOwn.length).toBeGreaterThan(0)
    for (const { user, stream } of open) {
      const got = stream.received.filter((e) => samsOwn.includes(e.id)).length
      expect(got, `${user}'s stream`).toBe(user === 'sam' ? samsOwn.length : 0)
    }
    for (const { stream } of open) stream.close()
  })

  it('replays what was missed after Last-Event-ID, in order and without repeats', async () => {
    const first = await subscribe('sam')
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const seen = await first.waitFor((e) => e.type === 'task_lane_updated' && e.data.session_id === sessionId)
    first.close()

    // While Sam is away: a message and an escalation.
    await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, headers: { cookie: cookies.jamie }, payload: { content: 'Still offline after that.' } })
    const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id
    await t.app.jobs.idle()
    const missed = await t.app.db.prisma.event.findMany({
      where: { id: { gt: BigInt(seen.id) }, organizationId: (await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).organizationId, OR: [{ userId: null }, { userId: (await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: 'senior@resolutionflow.example.com' } })).id }] },
      orderBy: { id: 'asc' },
    })
    expect(missed.length).toBeGreaterThanOrEqual(4)

    const controller = new AbortController()
    const res = await fetch(`${baseUrl}/api/events`, {
      headers: { cookie: cookies.sam, accept: 'text/event-stream', 'last-event-id': seen.id },
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    const replayed = parseSse(text).filter((e) => e.id)
    expect(replayed.map((e) => e.id)).toEqual(missed.map((e) => e.id.toString()))
    expect(new Set(replayed.map((e) => e.id)).size).toBe(replayed.length)
  })

  it('sends a heartbeat comment and answers 401 without a session', async () => {
    const controller = new AbortController()
    const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie: cookies.sam, accept: 'text/event-stream' }, signal: controller.signal })
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes(': heartbeat')) text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    expect(text).toContain(': heartbeat')

    const anonymous = await fetch(`${baseUrl}/api/events`, { headers: { accept: 'text/event-stream' } })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' })
  })
})

describe('the answer to an AI-analysis briefing', () => {
  it('streams to everyone watching as live-only assistant_delta events, then arrives stored', async () => {
    const jamie = await subscribe('jamie')
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id
    await t.app.jobs.idle()
    expect((await claim(t, cookies.sam, handoffId, 'ai_analysis')).statusCode).toBe(200)

    // The stored reply is announced after the last delta.
    const firstDelta = await jamie.waitFor((e) => e.type === 'assistant_delta' && e.data.session_id === sessionId)
    const stored = await jamie.waitFor(
      (e) => e.type === 'message_created' && e.data.session_id === sessionId && jamie.received.indexOf(e) > jamie.received.indexOf(firstDelta),
    )
    const reply = await t.app.db.prisma.message.findUniqueOrThrow({ where: { id: stored.data.message_id } })
    expect(reply.role).toBe('assistant')
    const deltas = jamie.received.filter((e) => e.type === 'assistant_delta' && e.data.session_id === sessionId)
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.every((d) => d.id === '')).toBe(true)
    expect(deltas.map((d) => d.data.text).join('')).toBe(reply.content)
  })
})

describe("a junior's stream", () => {
  it("carries their own sessions' events, never a colleague junior's: rows, the briefing's words, who is looking, and on replay", { timeout: 60_000 }, async () => {
    const prisma = t.app.db.prisma
    const { user: riley, cookie: rileyCookie, stream: rileyStream, jamieId } = await signInColleague('Riley Park', 'riley@acme.example.com')
    const [jamie, sam] = [await subscribe('jamie'), await subscribe('sam')]
    // The last row Riley saw before Jamie's work: where her reconnect below starts.
    const first = await sessionWithChat(t, rileyCookie, 'The dock does not charge my laptop')
    await t.app.jobs.idle()
    const seen = await rileyStream.waitFor((e) => e.type === 'task_lane_updated' && e.data.session_id === first)
    const before = BigInt(seen.id)

    // Jamie's session end to end: chat, escalation, Sam looking at it, Sam's AI analysis streaming its answer.
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id
    await t.app.jobs.idle()
    await t.app.inject({ method: 'POST', url: `/api/handoffs/${handoffId}/presence`, headers: { cookie: cookies.sam } })
    expect((await claim(t, cookies.sam, handoffId, 'ai_analysis')).statusCode).toBe(200)
    await t.app.jobs.idle()
    // Riley's own session comes last: once it reached her stream, anything of Jamie's sent to it would have too.
    const own = await sessionWithChat(t, rileyCookie, 'My second monitor stays black')
    for (const stream of [jamie, sam]) {
      await stream.waitFor((e) => e.type === 'assistant_delta' && e.data.session_id === sessionId)
      await stream.waitFor((e) => e.type === 'presence_changed' && e.data.handoff_id === handoffId)
      await stream.waitFor((e) => e.type === 'handoff_claimed' && e.data.handoff_id === handoffId)
    }
    await sam.waitFor((e) => e.type === 'message_created' && e.data.session_id === own)
    await rileyStream.waitFor((e) => e.type === 'message_created' && e.data.session_id === own)
    await new Promise((r) => setTimeout(r, 200))

    const aboutJamies = (e: { data: any }) => e.data?.session_id === sessionId || e.data?.handoff_id === handoffId
    expect(rileyStream.received.filter(aboutJamies)).toEqual([])
    expect(jamie.received.some((e) => e.type === 'message_created' && e.data.session_id === own)).toBe(false)
    expect(rileyStream.received.filter((e) => e.data?.session_id === own).length).toBeGreaterThan(0)

    // A reconnect replays the same: her own rows, none of Jamie's.
    const controller = new AbortController()
    const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie: rileyCookie, accept: 'text/event-stream', 'last-event-id': before.toString() }, signal: controller.signal })
    const reader = res.body!.getReader()
    let text = ''
    while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
    const replayed = parseSse(text).filter((e) => e.id)
    const hers = await prisma.event.findMany({
      where: { id: { gt: before }, organizationId: riley.organizationId, OR: [{ userId: riley.id }, { userId: null, startedById: riley.id }] },
      orderBy: [{ txid: 'asc' }, { id: 'asc' }],
    })
    expect(hers.length).toBeGreaterThan(0)
    expect(replayed.map((e) => e.id)).toEqual(hers.map((e) => e.id.toString()))
    // Not vacuous: the organization wrote rows of Jamie's session meanwhile, which Sam's replay would carry.
    expect(await prisma.event.count({ where: { id: { gt: before }, userId: null, startedById: jamieId } })).toBeGreaterThan(3)
    rileyStream.close()
  })
})

/** A raw stream (no automatic reconnect, unlike EventSource): read until `ready`, then watch it. */
async function rawStream(cookie: string) {
  const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie, accept: 'text/event-stream' } })
  const reader = res.body!.getReader()
  let text = ''
  while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value)
  /** Resolves with what arrived after `ready` once the server ends the stream (rejects after `ms`). */
  const ended = (ms = 5_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the stream was not ended')), ms)
      void (async () => {
        let rest = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          rest += new TextDecoder().decode(value)
        }
        clearTimeout(timer)
        resolve(rest)
      })()
    })
  return { ended, cancel: () => reader.cancel() }
}

describe('sign-out ends streams', () => {
  it('ends the streams of the sign-in that signed out, and only those; nothing more arrives', async () => {
    const mine = await t.login('jamie')
    const other = await rawStream(cookies.jamie)
    const stream = await rawStream(mine)
    const ended = stream.ended()
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: mine } })).statusCode).toBe(204)
    const after = await ended
    // Nothing but heartbeats between sign-out and the end, and the internal event never shows.
    expect(parseSse(after).filter((e) => e.event)).toEqual([])
    expect(after).not.toContain('session_revoked')
    // The same user's other sign-in keeps its stream: a new event still reaches it.
    const otherEnd = other.ended(1_000).then(() => 'ended', () => 'open')
    await sessionWithChat(t, cookies.jamie)
    expect(await otherEnd).toBe('open')
    await other.cancel()
    // A reconnect with the old cookie is refused.
    const again = await fetch(`${baseUrl}/api/events`, { headers: { cookie: mine, accept: 'text/event-stream' } })
    expect(again.status).toBe(401)
  })

  it("ends every stream of a user whose access is revoked (user_id: an admin's deactivation)", async () => {
    const cookie = await t.login('morgan')
    const first = await rawStream(cookie)
    const second = await rawStream(cookies.morgan)
    const sam = await rawStream(cookies.sam)
    const morganId = (await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: 'teamadmin@resolutionflow.example.com' } })).id
    const ends = [first.ended(), second.ended()]
    const samEnd = sam.ended(1_000).then(() => 'ended', () => 'open')
    await t.app.bus.publish({ id: '', organizationId: 'any', userId: morganId, type: 'session_revoked', payload: { user_id: morganId } })
    await Promise.all(ends)
    expect(await samEnd).toBe('open')
    await sam.cancel()
  })
})

describe('shutdown', () => {
  it('ends open streams cleanly when the server closes', { timeout: 60_000 }, async () => {
    const other = await buildTestApp()
    const url = await other.app.listen({ port: 0, host: '127.0.0.1' })
    const cookie = await other.login('sam')
    const res = await fetch(`${url}/api/events`, { headers: { cookie, accept: 'text/event-stream' } })
    const reader = res.body!.getReader()
    await reader.read()
    const started = Date.now()
    await other.close()
    // The stream ends (done) instead of hanging until a timeout.
    for (;;) if ((await reader.read()).done) break
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe('a change the bus could not tell this replica (Redis down)', () => {
  it('ends a stream whose role no longer matches its audience, and one whose sign-in is gone, within the re-check', { timeout: 30_000 }, async () => {
    const prisma = t.app.db.prisma
    const { user: casey, cookie: caseyCookie, stream: caseyStream } = await signInColleague('Casey Lin', 'casey@acme.example.com')
    const jamie = await subscribe('jamie')
    const readies = (stream: { source: EventTarget }) => {
      const count = { n: 1 }
      stream.source.addEventListener('ready', () => count.n++)
      return count
    }
    const [caseyReadies, jamieReadies] = [readies(caseyStream), readies(jamie)]

    // Promoted in the database itself: no session_revoked reaches the stream hub.
    await prisma.user.update({ where: { id: casey.id }, data: { role: 'senior' } })
    const deadline = Date.now() + 10_000
    while (caseyReadies.n < 2) {
      if (Date.now() > deadline) throw new Error('the stream kept its junior audience')
      await new Promise((r) => setTimeout(r, 50))
    }
    // The browser came back on its own, now with the whole organization's events: Jamie's too.
    const sessionId = await sessionWithChat(t, cookies.jamie, 'The VPN drops every hour')
    await caseyStream.waitFor((e) => e.type === 'message_created' && e.data.session_id === sessionId)
    // A stream whose sign-in and role did not change was left open.
    expect(jamieReadies.n).toBe(1)

    // Signed out where the bus could not tell us: the stream ends, and its reconnect is refused.
    await prisma.authSession.deleteMany({ where: { userId: casey.id } })
    const closedBy = Date.now() + 10_000
    while (caseyStream.source.readyState !== EventSource.CLOSED) {
      if (Date.now() > closedBy) throw new Error('the stream outlived its sign-in')
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(jamieReadies.n).toBe(1)
  })
})
