import { FeedbackResponseSchema, HandoffResponseSchema } from '@resolutionflow/shared/handoffs.ts'
import { SessionResponseSchema } from '@resolutionflow/shared/sessions.ts'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate, sessionWithChat } from '../support/fixtures.ts'
import { usingPostgres } from '../support/test-database.ts'

/**
 * The escalation to its end: cancel, decline, hand back, resolve and reopen, feedback. Each
 * transition: who may (403/404/401), what it writes, its events, and what bad input gets.
 */
type Who = 'jamie' | 'sam' | 'morgan' | 'alex' | 'priya'
let t: TestApp
const cookies = {} as Record<Who, string>
const ids = {} as Record<Who, string>
beforeAll(async () => {
  t = await buildTestApp()
  const emails: Record<Who, string> = {
    jamie: 'engineer@resolutionflow.example.com',
    sam: 'senior@resolutionflow.example.com',
    morgan: 'teamadmin@resolutionflow.example.com',
    alex: 'engineer@globex.example.com',
    priya: 'admin@globex.example.com',
  }
  for (const u of Object.keys(emails) as Who[]) {
    cookies[u] = await t.login(u)
    ids[u] = (await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: emails[u] } })).id
  }
})
afterAll(() => t?.close())

const post = (url: string, who: Who | null, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who ? { cookie: cookies[who] } : {}, ...(payload ? { payload } : {}) })
const put = (url: string, who: Who | null, payload: object) =>
  t.app.inject({ method: 'PUT', url, headers: who ? { cookie: cookies[who] } : {}, payload })
const get = (url: string, who: Who) => t.app.inject({ url, headers: { cookie: cookies[who] } })

/** A fresh session of Jamie's, escalated (optionally to one senior), its assessment written. */
async function openHandoff(body: object = {}) {
  const sessionId = await sessionWithChat(t, cookies.jamie)
  const res = await escalate(t, cookies.jamie, sessionId, body)
  expect(res.statusCode).toBe(201)
  await t.app.jobs.idle()
  return { sessionId, handoffId: res.json().id as string }
}
async function claimedHandoff() {
  const h = await openHandoff()
  expect((await claim(t, cookies.sam, h.handoffId)).statusCode).toBe(200)
  return h
}

const lastEventId = async () => (await t.app.db.prisma.event.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0n
const eventsSince = async (id: bigint) =>
  (await t.app.db.prisma.event.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } })).map((e) => ({ type: e.type, userId: e.userId, payload: e.payload }))
const snapshot = async () => ({
  handoffs: await t.app.db.prisma.handoff.findMany({ orderBy: { id: 'asc' } }),
  sessions: await t.app.db.prisma.chatSession.findMany({ orderBy: { id: 'asc' } }),
  notifications: await t.app.db.prisma.notification.count(),
  declines: await t.app.db.prisma.handoffDecline.count(),
  feedback: await t.app.db.prisma.handoffFeedback.findMany({ orderBy: { id: 'asc' } }),
  events: await t.app.db.prisma.event.count(),
})
const unread = async (who: Who) => (await get('/api/notifications', who)).json().unread as number

describe('POST /api/handoffs/:id/cancel', () => {
  it('cancels a pending escalation: status, note, obsolete notifications for the seniors, one event', async () => {
    const { handoffId, sessionId } = await openHandoff()
    const samUnread = await unread('sam')
    const since = await lastEventId()
    const res = await post(`/api/handoffs/${handoffId}/cancel`, 'jamie', { note: 'Power-cycled it, prints again.' })
    expect(res.statusCode).toBe(200)
    expect(HandoffResponseSchema.parse(res.json())).toMatchObject({
      status: 'cancelled',
      cancelled_by: { id: ids.jamie, name: 'Jamie Rivera' },
      cancel_note: 'Power-cycled it, prints again.',
      claimed_by: null,
    })
    expect(await eventsSince(since)).toEqual([
      { type: 'handoff_cancelled', userId: null, payload: { handoff_id: handoffId, session_id: sessionId, cancelled_by: { id: ids.jamie, name: 'Jamie Rivera' } } },
    ])
    // The seniors' notifications are obsolete: still listed, no longer unread.
    expect(await unread('sam')).toBe(samUnread - 1)
    const mine = (await get('/api/notifications', 'sam')).json().notifications.find((n: { handoff_id: string }) => n.handoff_id === handoffId)
    expect(mine).toMatchObject({ obsolete: true })
    // The queue no longer holds it.
    const queue = (await get('/api/handoffs?status=pending', 'sam')).json().handoffs as Array<{ id: string }>
    expect(queue.map((h) => h.id)).not.toContain(handoffId)
  })

  it('answers 409 HANDOFF_NOT_OPEN naming by whom: a second cancel, and a claim after the cancel', async () => {
    const { handoffId } = await openHandoff()
    expect((await post(`/api/handoffs/${handoffId}/cancel`, 'jamie')).statusCode).toBe(200)
    const again = await post(`/api/handoffs/${handoffId}/cancel`, 'jamie')
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'HANDOFF_NOT_OPEN', message: 'Cancelled by Jamie Rivera', cancelled_by: { id: ids.jamie, name: 'Jamie Rivera' } })
    const late = await claim(t, cookies.sam, handoffId)
    expect(late.statusCode).toBe(409)
    expect(late.json()).toMatchObject({ code: 'HANDOFF_NOT_OPEN', message: 'Cancelled by Jamie Rivera' })
  })

  it('answers 409 naming the senior when it was already claimed, and writes nothing', async () => {
    const { handoffId } = await claimedHandoff()
    const before = await snapshot()
    const res = await post(`/api/handoffs/${handoffId}/cancel`, 'jamie')
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ code: 'HANDOFF_NOT_OPEN', message: 'Already claimed by Sam Patel', claimed_by: { id: ids.sam, name: 'Sam Patel' } })
    expect(await snapshot()).toEqual(before)
  })

  it.each([
    ['a senior', 'sam', 403],
    ['the admin', 'morgan', 403],
    ['another organization', 'priya', 404],
    ['another organization’s engineer', 'alex', 404],
    ['nobody signed in', null, 401],
  ] as const)('refuses %s (%s) and writes nothing', async (_, who, status) => {
    const { handoffId } = await openHandoff()
    const before = await snapshot()
    const res = await post(`/api/handoffs/${handoffId}/cancel`, who)
    expect(res.statusCode).toBe(status)
    expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) })
    expect(await snapshot()).toEqual(before)
  })

  it('rejects a note over 2,000 characters with 400 naming the field', async () => {
    const { handoffId } = await openHandoff()
    const before = await snapshot()
    const res = await post(`/api/handoffs/${handoffId}/cancel`, 'jamie', { note: 'x'.repeat(2001) })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/note/)
    expect(await snapshot()).toEqual(before)
  })
})

describe('POST /api/handoffs/:id/decline', () => {
  it('declines one sent to everyone: recorded with the reason, the decliner’s notification obsolete, the junior told why', async () => {
    const { handoffId, sessionId } = await openHandoff()
    const since = await lastEventId()
    const res = await post(`/api/handoffs/${handoffId}/decline`, 'sam', { reason: 'busy', note: 'On site at Dunmore all day' })
    expect(res.statusCode).toBe(200)
    const body = HandoffResponseSchema.parse(res.json())
    expect(body).toMatchObject({ status: 'pending', target_user: null })
    expect(body.declines).toEqual([{ user: { id: ids.sam, name: 'Sam Patel' }, reason: 'busy', note: 'On site at Dunmore all day', created_at: expect.any(String) }])
    const events = await eventsSince(since)
    expect(events.map((e) => e.type)).toEqual(['handoff_declined', 'notification_created'])
    expect(events[0]!.payload).toEqual({ handoff_id: handoffId, session_id: sessionId, declined_by: { id: ids.sam, name: 'Sam Patel' }, reason: 'busy', widened: false })
    expect(events[1]!.userId).toBe(ids.jamie)
    const told = (await get('/api/notifications', 'jamie')).json().notifications[0]
    expect(told).toMatchObject({ kind: 'handoff_declined', title: 'Sam Patel declined your escalation', body: 'Busy: On site at Dunmore all day' })
    const samsOwn = (await get('/api/notifications', 'sam')).json().notifications.find((n: { handoff_id: string }) => n.handoff_id === handoffId)
    expect(samsOwn.obsolete).toBe(true)

    // Declining again edits the reason and tells nobody a second time.
    const again = await post(`/api/handoffs/${handoffId}/decline`, 'sam', { reason: 'not_my_area' })
    expect(again.statusCode).toBe(200)
    expect(again.json().declines).toEqual([expect.objectContaining({ reason: 'not_my_area', note: null })])
    expect(await t.app.db.prisma.notification.count({ where: { handoffId, kind: 'handoff_declined' } })).toBe(1)
  })

  it('widens a targeted escalation its target declines to every other senior, each notified', async () => {
    const { handoffId } = await openHandoff({ target_user_id: ids.sam })
    const since = await lastEventId()
    const res = await post(`/api/handoffs/${handoffId}/decline`, 'sam', { reason: 'not_my_area' })
    expect(res.statusCode).toBe(200)
    expect(res.json().target_user).toBeNull()
    const events = await eventsSince(since)
    expect(events[0]).toMatchObject({ type: 'handoff_declined', payload: { widened: true, reason: 'not_my_area' } })
    expect(events.filter((e) => e.type === 'notification_created').map((e) => e.userId).sort()).toEqual([ids.jamie, ids.morgan].sort())
    const morgans = await t.app.db.prisma.notification.findMany({ where: { handoffId, userId: ids.morgan } })
    expect(morgans).toEqual([expect.objectContaining({ kind: 'handoff_created', title: 'Jamie Rivera escalated a session' })])
    const jamies = await t.app.db.prisma.notification.findFirstOrThrow({ where: { handoffId, userId: ids.jamie } })
    expect(jamies.body).toBe('Not my area. It now goes to every senior.')
    // Morgan may now pick it up; the claim's answer (built by its one statement) shows the decline as a read does.
    const claimed = await claim(t, cookies.morgan, handoffId)
    expect(claimed.statusCode).toBe(200)
    const read = (await get(`/api/handoffs/${handoffId}`, 'morgan')).json()
    expect(read.declines).toEqual([expect.objectContaining({ user: { id: ids.sam, name: 'Sam Patel' }, reason: 'not_my_area' })])
    expect(claimed.json()).toEqual(read)
  })

  it('refuses a senior it was not sent to, the junior, and a claimed one', async () => {
    const targeted = await openHandoff({ target_user_id: ids.sam })
    expect((await post(`/api/handoffs/${targeted.handoffId}/decline`, 'morgan', { reason: 'busy' })).json()).toEqual({
      code: 'FORBIDDEN',
      message: 'This escalation was sent to Sam Patel',
    })
    const open = await openHandoff()
    expect((await post(`/api/handoffs/${open.handoffId}/decline`, 'jamie', { reason: 'busy' })).statusCode).toBe(403)
    const taken = await claimedHandoff()
    const res = await post(`/api/handoffs/${taken.handoffId}/decline`, 'morgan', { reason: 'busy' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'HANDOFF_NOT_OPEN', message: 'Already claimed by Sam Patel' })
  })

  it.each([
    ['no reason', {}],
    ['an unknown reason', { reason: 'lazy' }],
    ['a note over 2,000 characters', { reason: 'other', note: 'x'.repeat(2001) }],
  ])('rejects %s with 400 and writes nothing', async (_, payload) => {
    const { handoffId } = await openHandoff()
    const before = await snapshot()
    const res = await post(`/api/handoffs/${handoffId}/decline`, 'sam', payload)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
    expect(await snapshot()).toEqual(before)
  })
})

describe('POST /api/handoffs/:id/hand-back', () => {
  it('gives the session back to the junior with a note: notified, theirs to escalate again, no longer the senior’s', async () => {
    const { handoffId, sessionId } = await claimedHandoff()
    const since = await lastEventId()
    const res = await post(`/api/handoffs/${handoffId}/hand-back`, 'sam', { note: 'Try re-adding the port as TCP/IP; ping me if it fails.' })
    expect(res.statusCode).toBe(200)
    expect(HandoffResponseSchema.parse(res.json())).toMatchObject({
      status: 'claimed',
      claimed_by: { id: ids.sam },
      handed_back_at: expect.any(String),
      hand_back_note: 'Try re-adding the port as TCP/IP; ping me if it fails.',
    })
    const events = await eventsSince(since)
    expect(events.map((e) => e.type)).toEqual(['handoff_handed_back', 'notification_created'])
    expect(events[1]!.userId).toBe(ids.jamie)
    const told = await t.app.db.prisma.notification.findFirstOrThrow({ where: { handoffId, kind: 'handoff_handed_back' } })
    expect(told).toMatchObject({ userId: ids.jamie, body: 'Try re-adding the port as TCP/IP; ping me if it fails.' })
    expect(told.title).toMatch(/^Sam Patel handed '.+' back to you$/)
    // The sidebar can tell a handed-back session from one still picked up.
    const listed = (await get('/api/sessions', 'jamie')).json().sessions.find((s: { id: string }) => s.id === sessionId)
    expect(listed).toMatchObject({ handoff_status: 'claimed', handoff_handed_back_at: res.json().handed_back_at })

    const twice = await post(`/api/handoffs/${handoffId}/hand-back`, 'sam', { note: 'again' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json()).toEqual({ code: 'HANDOFF_NOT_OPEN', message: 'Already handed back to Jamie Rivera' })
    // Sam no longer works the session; Jamie may escalate it again.
    expect((await escalate(t, cookies.sam, sessionId)).statusCode).toBe(403)
    expect((await escalate(t, cookies.jamie, sessionId)).statusCode).toBe(201)
    await t.app.jobs.idle()
  })

  it('refuses anyone but the claimer, a pending one, and an empty note', async () => {
    const { handoffId } = await claimedHandoff()
    expect((await post(`/api/handoffs/${handoffId}/hand-back`, 'morgan', { note: 'x' })).statusCode).toBe(403)
    expect((await post(`/api/handoffs/${handoffId}/hand-back`, 'jamie', { note: 'x' })).statusCode).toBe(403)
    const pending = await openHandoff()
    expect((await post(`/api/handoffs/${pending.handoffId}/hand-back`, 'sam', { note: 'x' })).statusCode).toBe(403)
    const before = await snapshot()
    for (const payload of [{}, { note: '   ' }, { note: 'x'.repeat(2001) }]) {
      const res = await post(`/api/handoffs/${handoffId}/hand-back`, 'sam', payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().message).toMatch(/note/)
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('POST /api/sessions/:id/resolve and /reopen', () => {
  it('lets the claimer resolve: status, note, root cause, one event, and the junior told what fixed it', async () => {
    const { sessionId } = await claimedHandoff()
    const title = (await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } })).title
    const since = await lastEventId()
    const res = await post(`/api/sessions/${sessionId}/resolve`, 'sam', { resolution_note: 'SNMP status on the port', root_cause: 'configuration' })
    expect(res.statusCode).toBe(200)
    expect(SessionResponseSchema.parse(res.json()).session).toMatchObject({
      status: 'resolved',
      resolved_by: { id: ids.sam, name: 'Sam Patel' },
      resolution_note: 'SNMP status on the port',
      root_cause: 'configuration',
      resolved_at: expect.any(String),
    })
    const events = await eventsSince(since)
    expect(events.map((e) => e.type)).toEqual(['session_resolved', 'notification_created'])
    expect(events[1]!.userId).toBe(ids.jamie)
    const told = (await get('/api/notifications', 'jamie')).json().notifications[0]
    expect(told).toMatchObject({ kind: 'session_resolved', title: `Sam Patel resolved '${title}'`, body: 'SNMP status on the port', read: false, link: `/chat/${sessionId}` })
    // The sidebars show it resolved.
    const sidebar = (await get('/api/sessions', 'jamie')).json().sessions.find((s: { id: string }) => s.id === sessionId)
    expect(sidebar).toMatchObject({ status: 'resolved', resolution_note: 'SNMP status on the port' })

    const twice = await post(`/api/sessions/${sessionId}/resolve`, 'jamie', { resolution_note: 'again' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json()).toEqual({ code: 'SESSION_ALREADY_RESOLVED', message: 'Already resolved by Sam Patel' })
  })

  it('reopens (the junior), clearing the resolution; a second reopen is 409', async () => {
    const { sessionId } = await claimedHandoff()
    expect((await post(`/api/sessions/${sessionId}/resolve`, 'jamie', { resolution_note: 'Replaced the toner' })).statusCode).toBe(200)
    const since = await lastEventId()
    const res = await post(`/api/sessions/${sessionId}/reopen`, 'jamie')
    expect(res.statusCode).toBe(200)
    expect(res.json().session).toMatchObject({ status: 'open', resolved_at: null, resolved_by: null, resolution_note: null, root_cause: null })
    expect((await eventsSince(since)).map((e) => e.type)).toEqual(['session_reopened'])
    const row = await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } })
    expect(row.searchDocument).toBeNull()
    const again = await post(`/api/sessions/${sessionId}/reopen`, 'jamie')
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('SESSION_NOT_RESOLVED')
  })

  it('refuses while an escalation waits (cancel first), and anyone not working the session', async () => {
    const { sessionId, handoffId } = await openHandoff()
    const waiting = await post(`/api/sessions/${sessionId}/resolve`, 'jamie', { resolution_note: 'Fixed' })
    expect(waiting.statusCode).toBe(409)
    expect(waiting.json().code).toBe('HANDOFF_ALREADY_OPEN')
    expect((await post(`/api/handoffs/${handoffId}/cancel`, 'jamie')).statusCode).toBe(200)
    // Sam never picked it up: not his to close.
    expect((await post(`/api/sessions/${sessionId}/resolve`, 'sam', { resolution_note: 'Fixed' })).statusCode).toBe(403)
    expect((await post(`/api/sessions/${sessionId}/resolve`, 'jamie', { resolution_note: 'Fixed it myself' })).statusCode).toBe(200)
    expect((await post(`/api/sessions/${sessionId}/reopen`, 'sam')).statusCode).toBe(403)
    // After a hand back the senior no longer works it either.
    const back = await claimedHandoff()
    expect((await post(`/api/handoffs/${back.handoffId}/hand-back`, 'sam', { note: 'yours' })).statusCode).toBe(200)
    expect((await post(`/api/sessions/${back.sessionId}/resolve`, 'sam', { resolution_note: 'Fixed' })).statusCode).toBe(403)
  })

  it('refuses to escalate or hand back a resolved session (409, nothing written) until it is reopened', async () => {
    const { sessionId, handoffId } = await claimedHandoff()
    expect((await post(`/api/sessions/${sessionId}/resolve`, 'sam', { resolution_note: 'Reseated the cable' })).statusCode).toBe(200)
    const before = await snapshot()
    const escalated = await escalate(t, cookies.jamie, sessionId, { note: 'Still broken?' })
    expect(escalated.statusCode).toBe(409)
    expect(escalated.json()).toEqual({ code: 'SESSION_ALREADY_RESOLVED', message: 'This session is resolved: reopen it to escalate it again' })
    const handedBack = await post(`/api/handoffs/${handoffId}/hand-back`, 'sam', { note: 'yours again' })
    expect(handedBack.statusCode).toBe(409)
    expect(handedBack.json().code).toBe('SESSION_ALREADY_RESOLVED')
    expect(await snapshot()).toEqual(before)
    const queue = (await get('/api/handoffs?status=pending', 'sam')).json().handoffs as Array<{ session_id: string }>
    expect(queue.some((h) => h.session_id === sessionId)).toBe(false)

    expect((await post(`/api/sessions/${sessionId}/reopen`, 'jamie')).statusCode).toBe(200)
    expect((await escalate(t, cookies.jamie, sessionId)).statusCode).toBe(201)
    await t.app.jobs.idle()
  })

  it.each([
    ['no resolution note', {}],
    ['a blank note', { resolution_note: '  ' }],
    ['a note over 500 characters', { resolution_note: 'x'.repeat(501) }],
    ['an unknown root cause', { resolution_note: 'Fixed', root_cause: 'gremlins' }],
    ['a NUL in the note', { resolution_note: 'Fixed\u0000' }],
  ])('rejects %s with 400 and writes nothing', async (_, payload) => {
    const { sessionId } = await claimedHandoff()
    const before = await snapshot()
    const res = await post(`/api/sessions/${sessionId}/resolve`, 'sam', payload)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
    expect(await snapshot()).toEqual(before)
  })
})

/**
 * Writes of one session racing, on Postgres (two connections): a second connection holds the
 * other side's writes in an open transaction while the request runs into them, then commits.
 * Whichever comes first, the session never ends resolved with an escalation waiting, nor handed
 * back after it was resolved, and the two never deadlock.
 */
describe.skipIf(!usingPostgres())('races between writes of one session', () => {
  async function holding(
    sql: string[],
    params: unknown[][],
    request: () => Promise<{ statusCode: number; json(): unknown }>,
    /** Run once the request waits, before the commit: the rest of the other side's writes. */
    then: Array<[string, unknown[]]> = [],
  ) {
    const other = new pg.Client({ connectionString: t.config.database.driver === 'postgres' ? t.config.database.url : '' })
    await other.connect()
    try {
      await other.query('BEGIN')
      for (const [i, text] of sql.entries()) await other.query(text, params[i])
      const answer = request()
      // Until the request waits for the row this transaction holds.
      for (let waited = 0; ; waited += 20) {
        const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
        if (rows[0].n > 0) break
        if (waited > 10_000) throw new Error('the request never waited for the held row')
        await new Promise((r) => setTimeout(r, 20))
      }
      for (const [text, values] of then) await other.query(text, values)
      await other.query('COMMIT')
      return await answer
    } finally {
      await other.end()
    }
  }

  it('an escalation that meets a resolve being written is refused, and leaves nothing', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const res = await holding(
      [`UPDATE "ChatSession" SET "status" = 'resolved', "resolvedAt" = now(), "resolutionNote" = 'Fixed meanwhile' WHERE "id" = $1`],
      [[sessionId]],
      () => escalate(t, cookies.jamie, sessionId),
    )
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'SESSION_ALREADY_RESOLVED' })
    expect(await t.app.db.prisma.handoff.count({ where: { sessionId } })).toBe(0)
    expect(await t.app.db.prisma.notification.count({ where: { sessionId } })).toBe(0)
  })

  it('an escalation that meets a cancel of the pending one waits for it, then opens (no deadlock)', async () => {
    const { sessionId, handoffId } = await openHandoff()
    // A cancel writes the handoff, then the session (cancel-handoff.ts); the new handoff's unique
    // index waits for the first. Taking the session first, the escalation deadlocked with it.
    const res = await holding(
      [`UPDATE "Handoff" SET "status" = 'cancelled', "cancelledAt" = now(), "cancelledById" = "handedOffById" WHERE "id" = $1`],
      [[handoffId]],
      () => escalate(t, cookies.jamie, sessionId),
      [[`UPDATE "ChatSession" SET "lastActivityAt" = now() WHERE "id" = $1`, [sessionId]]],
    )
    expect(res.statusCode).toBe(201)
    await t.app.jobs.idle()
    const handoffs = await t.app.db.prisma.handoff.findMany({ where: { sessionId }, orderBy: { createdAt: 'asc' } })
    expect(handoffs.map((h) => h.status)).toEqual(['cancelled', 'pending'])
  })

  it('a resolve that meets an escalation being written is refused: the escalation waits', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    // What an escalation holds once its rows are written: its pending handoff, then the session's row.
    const res = await holding(
      [
        `INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById") SELECT gen_random_uuid()::text, "organizationId", "id", "createdById" FROM "ChatSession" WHERE "id" = $1`,
        `UPDATE "ChatSession" SET "lastActivityAt" = now() WHERE "id" = $1`,
      ],
      [[sessionId], [sessionId]],
      () => post(`/api/sessions/${sessionId}/resolve`, 'jamie', { resolution_note: 'Fixed it' }),
    )
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'HANDOFF_ALREADY_OPEN' })
    expect(await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ status: 'open', resolutionNote: null })
  })

  it('a hand back that meets a resolve being written is refused, and the handoff stays claimed', async () => {
    const { sessionId, handoffId } = await claimedHandoff()
    const res = await holding(
      [`UPDATE "ChatSession" SET "status" = 'resolved', "resolvedAt" = now(), "resolutionNote" = 'Fixed meanwhile' WHERE "id" = $1`],
      [[sessionId]],
      () => post(`/api/handoffs/${handoffId}/hand-back`, 'sam', { note: 'yours again' }),
    )
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'SESSION_ALREADY_RESOLVED' })
    expect(await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).toMatchObject({ status: 'claimed', handedBackAt: null })
  })
})

describe('PUT /api/handoffs/:id/feedback', () => {
  it('records one verdict per senior per handoff, editable, with its event; GET returns the own one', async () => {
    const { handoffId, sessionId } = await claimedHandoff()
    expect((await get(`/api/handoffs/${handoffId}/feedback`, 'sam')).json()).toEqual({ feedback: null })
    const since = await lastEventId()
    const first = await put(`/api/handoffs/${handoffId}/feedback`, 'sam', { useful: false, problems: ['wrong_cause', 'already_tried', 'wrong_cause'], note: 'It was the port' })
    expect(first.statusCode).toBe(200)
    expect(FeedbackResponseSchema.parse(first.json()).feedback).toMatchObject({
      handoff_id: handoffId,
      user: { id: ids.sam, name: 'Sam Patel' },
      useful: false,
      problems: ['wrong_cause', 'already_tried'],
      note: 'It was the port',
    })
    expect(await eventsSince(since)).toEqual([
      { type: 'feedback_recorded', userId: null, payload: { handoff_id: handoffId, session_id: sessionId, user_id: ids.sam, useful: false } },
    ])
    const edited = await put(`/api/handoffs/${handoffId}/feedback`, 'sam', { useful: true })
    expect(edited.json().feedback).toMatchObject({ useful: true, problems: [], note: null })
    // Another senior's verdict is their own row.
    expect((await put(`/api/handoffs/${handoffId}/feedback`, 'morgan', { useful: true })).statusCode).toBe(200)
    expect(await t.app.db.prisma.handoffFeedback.count({ where: { handoffId } })).toBe(2)
    expect((await get(`/api/handoffs/${handoffId}/feedback`, 'sam')).json().feedback).toMatchObject({ useful: true, user: { id: ids.sam } })
  })

  it('refuses the junior, an assessment not written yet, and bad input', async () => {
    const { handoffId } = await claimedHandoff()
    expect((await put(`/api/handoffs/${handoffId}/feedback`, 'jamie', { useful: true })).statusCode).toBe(403)
    await t.app.db.prisma.handoff.update({ where: { id: handoffId }, data: { assessmentStatus: 'failed' } })
    const notReady = await put(`/api/handoffs/${handoffId}/feedback`, 'sam', { useful: true })
    expect(notReady.statusCode).toBe(409)
    expect(notReady.json().code).toBe('ASSESSMENT_NOT_READY')
    await t.app.db.prisma.handoff.update({ where: { id: handoffId }, data: { assessmentStatus: 'ready' } })
    const before = await snapshot()
    for (const payload of [{}, { useful: 'yes' }, { useful: true, problems: ['typo'] }, { useful: true, note: 'x'.repeat(2001) }]) {
      const res = await put(`/api/handoffs/${handoffId}/feedback`, 'sam', payload)
      expect(res.statusCode).toBe(400)
      expect(res.json().code).toBe('VALIDATION_FAILED')
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('authorization table: every new endpoint', () => {
  // [method, path, body, who, status]: the role matrix of the own organization, another
  // organization (404, indistinguishable from none), and nobody signed in (401).
  it('answers each role as the rules say', async () => {
    const pending = await openHandoff()
    const claimed = await claimedHandoff()
    const rows: Array<[string, string, object | undefined, Who | null, number]> = [
      ['POST', `/api/handoffs/${pending.handoffId}/cancel`, {}, 'alex', 404],
      ['POST', `/api/handoffs/${pending.handoffId}/cancel`, {}, 'priya', 404],
      ['POST', `/api/handoffs/${pending.handoffId}/cancel`, {}, null, 401],
      ['POST', `/api/handoffs/${pending.handoffId}/cancel`, {}, 'sam', 403],
      ['POST', `/api/handoffs/${pending.handoffId}/decline`, { reason: 'busy' }, 'jamie', 403],
      ['POST', `/api/handoffs/${pending.handoffId}/decline`, { reason: 'busy' }, 'priya', 404],
      ['POST', `/api/handoffs/${pending.handoffId}/decline`, { reason: 'busy' }, null, 401],
      ['POST', `/api/handoffs/${claimed.handoffId}/hand-back`, { note: 'x' }, 'morgan', 403],
      ['POST', `/api/handoffs/${claimed.handoffId}/hand-back`, { note: 'x' }, 'priya', 404],
      ['POST', `/api/handoffs/${claimed.handoffId}/hand-back`, { note: 'x' }, null, 401],
      ['PUT', `/api/handoffs/${claimed.handoffId}/feedback`, { useful: true }, 'jamie', 403],
      ['PUT', `/api/handoffs/${claimed.handoffId}/feedback`, { useful: true }, 'priya', 404],
      ['PUT', `/api/handoffs/${claimed.handoffId}/feedback`, { useful: true }, null, 401],
      ['GET', `/api/handoffs/${claimed.handoffId}/feedback`, undefined, 'priya', 404],
      ['GET', `/api/handoffs/${claimed.handoffId}/feedback`, undefined, null, 401],
      ['GET', `/api/handoffs/${claimed.handoffId}/similar`, undefined, 'jamie', 200],
      ['GET', `/api/handoffs/${claimed.handoffId}/similar`, undefined, 'priya', 404],
      ['GET', `/api/handoffs/${claimed.handoffId}/similar`, undefined, null, 401],
      ['POST', `/api/sessions/${claimed.sessionId}/resolve`, { resolution_note: 'x' }, 'morgan', 403],
      ['POST', `/api/sessions/${claimed.sessionId}/resolve`, { resolution_note: 'x' }, 'alex', 404],
      ['POST', `/api/sessions/${claimed.sessionId}/resolve`, { resolution_note: 'x' }, null, 401],
      ['POST', `/api/sessions/${claimed.sessionId}/reopen`, undefined, 'priya', 404],
      ['POST', `/api/sessions/${claimed.sessionId}/reopen`, undefined, null, 401],
      ['POST', `/api/sessions/${claimed.sessionId}/reopen`, undefined, 'morgan', 403],
    ]
    const answers = []
    for (const [method, url, payload, who, status] of rows) {
      const res = await t.app.inject({ method: method as 'GET', url, headers: who ? { cookie: cookies[who] } : {}, ...(payload ? { payload } : {}) })
      answers.push({ method, url, who, status: res.statusCode, expected: status })
    }
    expect(answers.filter((a) => a.status !== a.expected)).toEqual([])
  })
})
