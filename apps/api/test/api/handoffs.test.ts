import { AssessmentSchema, buildBriefing, HandoffResponseSchema } from '@resolutionflow/shared/handoffs.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate, sessionWithChat } from '../support/fixtures.ts'

let t: TestApp
const cookies = {} as Record<'jamie' | 'sam' | 'morgan' | 'alex' | 'priya', string>
beforeAll(async () => {
  t = await buildTestApp()
  for (const u of ['jamie', 'sam', 'morgan', 'alex', 'priya'] as const) cookies[u] = await t.login(u)
})
afterAll(() => t?.close())

const counts = async () => ({
  handoffs: await t.app.db.prisma.handoff.count(),
  notifications: await t.app.db.prisma.notification.count(),
  events: await t.app.db.prisma.event.count(),
})
const userId = async (email: string) => (await t.app.db.prisma.user.findUniqueOrThrow({ where: { email } })).id

describe('POST /api/sessions/:id/handoffs (escalate)', () => {
  it('answers 201 at once with a pending assessment, and writes the handoff, notifications and events together', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const before = await counts()
    const res = await escalate(t, cookies.jamie, sessionId, { note: 'Spooler restart did not help.' })
    expect(res.statusCode).toBe(201)
    const body = HandoffResponseSchema.parse(res.json())
    expect(body).toMatchObject({
      session_id: sessionId,
      status: 'pending',
      handed_off_by: { name: 'Jamie Rivera' },
      handed_off_by_name: 'Jamie Rivera',
      note: 'Spooler restart did not help.',
      claimed_by: null,
      assessment_status: 'pending',
      ai_assessment_data: null,
    })
    const after = await counts()
    expect(after.handoffs - before.handoffs).toBe(1)
    // Both Acme seniors (Morgan, admin; Sam, senior) are told; nobody in Globex is.
    const notified = await t.app.db.prisma.notification.findMany({ where: { handoffId: body.id }, include: { user: true } })
    expect(notified.map((n) => n.user.name).sort()).toEqual(['Morgan Lee', 'Sam Patel'])
    const events = await t.app.db.prisma.event.findMany({ where: { id: { gt: BigInt(before.events) } }, orderBy: { id: 'asc' } })
    expect(events.map((e) => e.type)).toEqual(['handoff_created', 'notification_created', 'notification_created'])

    // The offline assistant's assessment lands in the background, with its event.
    await t.app.jobs.idle()
    const ready = await t.app.inject({ url: `/api/handoffs/${body.id}`, headers: { cookie: cookies.sam } })
    expect(ready.json().assessment_status).toBe('ready')
    expect(() => AssessmentSchema.parse(ready.json().ai_assessment_data)).not.toThrow()
    expect(await t.app.db.prisma.event.count({ where: { type: 'handoff_assessment_ready', payload: { path: ['handoff_id'], equals: body.id } } })).toBe(1)
  })

  it('refuses a second open handoff for the session with 409 and writes nothing', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    expect((await escalate(t, cookies.jamie, sessionId)).statusCode).toBe(201)
    await t.app.jobs.idle()
    const before = await counts()
    const res = await escalate(t, cookies.jamie, sessionId, { note: 'again' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ code: 'HANDOFF_ALREADY_OPEN', message: expect.any(String) })
    expect(await counts()).toEqual(before)
  })

  it('makes a retried request with the same Idempotency-Key return the first answer and create nothing', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const headers = { 'idempotency-key': 'escalate-retry-0001' }
    const first = await escalate(t, cookies.jamie, sessionId, { note: 'first' }, headers)
    await t.app.jobs.idle()
    const before = await counts()
    const retry = await escalate(t, cookies.jamie, sessionId, { note: 'first' }, headers)
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toEqual(first.json())
    expect(await counts()).toEqual(before)

    // The same key for another session is a client bug, not a retry.
    const other = await sessionWithChat(t, cookies.jamie)
    const reused = await escalate(t, cookies.jamie, other, {}, headers)
    expect(reused.statusCode).toBe(422)
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED')
  })

  it('sends a targeted escalation to that senior only', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const sam = await userId('senior@resolutionflow.example.com')
    const res = await escalate(t, cookies.jamie, sessionId, { target_user_id: sam })
    expect(res.statusCode).toBe(201)
    expect(res.json().target_user).toEqual({ id: sam, name: 'Sam Patel' })
    const notified = await t.app.db.prisma.notification.findMany({ where: { handoffId: res.json().id } })
    expect(notified.map((n) => n.userId)).toEqual([sam])
  })

  it.each([
    ['a note over 2,000 characters', { note: 'x'.repeat(2001) }],
    ['an engineer as target', { target_user_id: 'ENGINEER' }],
    ['a senior of another organization as target', { target_user_id: 'GLOBEX_ADMIN' }],
    ['an unknown target', { target_user_id: 'no-such-user' }],
    ['a non-string note', { note: 42 }],
  ])('rejects %s with 400 and writes nothing', async (_, payload) => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const ids: Record<string, string> = {
      ENGINEER: await userId('engineer@resolutionflow.example.com'),
      GLOBEX_ADMIN: await userId('admin@globex.example.com'),
    }
    const body = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' && ids[v] ? ids[v] : v]))
    await t.app.jobs.idle()
    const before = await counts()
    const res = await escalate(t, cookies.jamie, sessionId, body)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) })
    expect(await counts()).toEqual(before)
  })

  it("refuses with 403 a colleague who is not working the session (neither started nor picked it up), and writes nothing", async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    await t.app.jobs.idle()
    const before = await counts()
    const res = await escalate(t, cookies.sam, sessionId)
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ code: 'FORBIDDEN', message: 'Only the people working this session can escalate it' })
    expect(await counts()).toEqual(before)
  })

  it('lets the senior who picked a session up escalate it again, to another senior', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const first = await escalate(t, cookies.jamie, sessionId)
    expect((await claim(t, cookies.sam, first.json().id)).statusCode).toBe(200)
    const morgan = await userId('teamadmin@resolutionflow.example.com')
    const again = await escalate(t, cookies.sam, sessionId, { target_user_id: morgan })
    expect(again.statusCode).toBe(201)
    expect(again.json()).toMatchObject({ status: 'pending', handed_off_by: { name: 'Sam Patel' }, target_user: { id: morgan } })

    // Once Morgan has it, Sam has passed it on: the starter and Morgan may escalate, Sam no longer.
    expect((await claim(t, cookies.morgan, again.json().id)).statusCode).toBe(200)
    expect((await escalate(t, cookies.sam, sessionId)).statusCode).toBe(403)
  })

  it("answers 404 for another organization's session", async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const res = await escalate(t, cookies.alex, sessionId)
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })
})

describe('POST /api/handoffs/:id/claim', () => {
  async function openHandoff() {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const res = await escalate(t, cookies.jamie, sessionId, { note: 'Need help with the port config.' })
    await t.app.jobs.idle()
    return { sessionId, handoffId: res.json().id as string }
  }

  it('lets the first senior win; the loser gets 409 naming the winner; the winner again gets 200', async () => {
    const { handoffId } = await openHandoff()
    const won = await claim(t, cookies.sam, handoffId, 'continue')
    expect(won.statusCode).toBe(200)
    expect(won.json()).toMatchObject({ status: 'claimed', claimed_by: { name: 'Sam Patel' }, claim_option: 'continue', claimed_at: expect.any(String) })

    const lost = await claim(t, cookies.morgan, handoffId, 'own')
    expect(lost.statusCode).toBe(409)
    expect(lost.json()).toEqual({
      code: 'HANDOFF_ALREADY_CLAIMED',
      message: 'Already claimed by Sam Patel',
      claimed_by: { id: won.json().claimed_by.id, name: 'Sam Patel' },
    })

    const again = await claim(t, cookies.sam, handoffId, 'own')
    expect(again.statusCode).toBe(200)
    expect(again.json().claim_option).toBe('continue')
    const row = await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })
    expect(row).toMatchObject({ status: 'claimed', claimOption: 'continue' })
  })

  it('tells the junior who picked it up, and puts the session in the senior\'s sidebar', async () => {
    const { sessionId, handoffId } = await openHandoff()
    await claim(t, cookies.morgan, handoffId, 'own')
    const jamie = await t.app.inject({ url: '/api/notifications', headers: { cookie: cookies.jamie } })
    expect(jamie.json().notifications[0]).toMatchObject({ kind: 'handoff_claimed', actor: { name: 'Morgan Lee' }, session_id: sessionId })
    const sidebar = await t.app.inject({ url: '/api/sessions', headers: { cookie: cookies.morgan } })
    expect(sidebar.json().sessions.map((s: { id: string }) => s.id)).toContain(sessionId)
  })

  it("settles the seniors' bell: the claimer's call is read, everyone else's no longer needed", async () => {
    const { handoffId } = await openHandoff()
    const bell = async (who: 'sam' | 'morgan') => (await t.app.inject({ url: '/api/notifications', headers: { cookie: cookies[who] } })).json()
    const call = (list: { notifications: Array<{ handoff_id: string | null; kind: string }> }) =>
      list.notifications.find((n) => n.handoff_id === handoffId && n.kind === 'handoff_created')
    const [samBefore, morganBefore] = [await bell('sam'), await bell('morgan')]
    expect(call(samBefore)).toMatchObject({ read: false, obsolete: false })
    expect(call(morganBefore)).toMatchObject({ read: false, obsolete: false })

    expect((await claim(t, cookies.sam, handoffId)).statusCode).toBe(200)
    const [samAfter, morganAfter] = [await bell('sam'), await bell('morgan')]
    expect(call(samAfter)).toMatchObject({ read: true, obsolete: false })
    expect(call(morganAfter)).toMatchObject({ read: false, obsolete: true })
    expect(samAfter.unread).toBe(samBefore.unread - 1)
    expect(morganAfter.unread).toBe(morganBefore.unread - 1)
  })

  it.each([
    ['the junior who escalated', 'jamie', 403],
    ['a user of another organization', 'priya', 404],
  ] as const)('refuses %s', async (_, who, status) => {
    const { handoffId } = await openHandoff()
    const res = await claim(t, cookies[who], handoffId)
    expect(res.statusCode).toBe(status)
    expect(res.json().code).toBe(status === 403 ? 'FORBIDDEN' : 'NOT_FOUND')
    expect((await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })).status).toBe('pending')
  })

  it('refuses an engineer who did not escalate it with 403', async () => {
    // Sam escalates his own session; Jamie (an engineer) may not pick it up.
    const sessionId = await sessionWithChat(t, cookies.sam)
    const handoffId = (await escalate(t, cookies.sam, sessionId)).json().id
    const res = await claim(t, cookies.jamie, handoffId)
    expect(res.statusCode).toBe(403)
  })

  it('rejects an unknown option with 400', async () => {
    const { handoffId } = await openHandoff()
    const res = await claim(t, cookies.sam, handoffId, 'later')
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
  })

  it.each(['continue', 'own'])('with %s leaves the conversation as it was', async (option) => {
    const { sessionId, handoffId } = await openHandoff()
    const before = await t.app.db.prisma.message.count({ where: { sessionId } })
    expect((await claim(t, cookies.sam, handoffId, option)).statusCode).toBe(200)
    expect(await t.app.db.prisma.message.count({ where: { sessionId } })).toBe(before)
  })

  it('with ai_analysis sends the briefing as the senior and the assistant answers it with task-lane items', async () => {
    const { sessionId, handoffId } = await openHandoff()
    const handoff = (await t.app.inject({ url: `/api/handoffs/${handoffId}`, headers: { cookie: cookies.sam } })).json()
    const tasksBefore = await t.app.db.prisma.taskItem.count({ where: { sessionId } })
    const answered = t.app.jobs.settled('answer-briefing', (job) => job.session_id === sessionId)
    expect((await claim(t, cookies.sam, handoffId, 'ai_analysis')).statusCode).toBe(200)

    const briefing = await t.app.db.prisma.message.findFirst({ where: { sessionId, author: { name: 'Sam Patel' } } })
    expect(briefing?.content).toBe(buildBriefing(handoff))
    // The reply is the answer-briefing job's: wait for that job, then for nothing else.
    expect(await answered).toBe('completed')
    expect(await t.app.db.prisma.message.count({ where: { sessionId, role: 'assistant', createdAt: { gt: briefing!.createdAt } } })).toBe(1)
    const detail = (await t.app.inject({ url: `/api/sessions/${sessionId}`, headers: { cookie: cookies.sam } })).json()
    expect(detail.messages.at(-1).role).toBe('assistant')
    // The answer proposes the playbook's next steps, beyond the ones already in the lane.
    expect(detail.task_lane.length).toBeGreaterThan(tasksBefore)
    expect(detail.task_lane.slice(tasksBefore).every((task: { status: string }) => task.status === 'todo')).toBe(true)
  })
})

describe('the handoff queue', () => {
  it('lists pending handoffs of the organization only, and drops them once claimed', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id
    const globexSession = await sessionWithChat(t, cookies.alex, 'Outlook keeps asking for my password')
    const globexHandoff = (await escalate(t, cookies.alex, globexSession)).json().id

    const queue = await t.app.inject({ url: '/api/handoffs?status=pending', headers: { cookie: cookies.sam } })
    expect(queue.statusCode).toBe(200)
    const ids = queue.json().handoffs.map((h: { id: string }) => h.id)
    expect(ids).toContain(handoffId)
    expect(ids).not.toContain(globexHandoff)
    expect(queue.json().handoffs.every((h: { status: string }) => h.status === 'pending')).toBe(true)

    await claim(t, cookies.sam, handoffId)
    const after = await t.app.inject({ url: '/api/handoffs?status=pending', headers: { cookie: cookies.sam } })
    expect(after.json().handoffs.map((h: { id: string }) => h.id)).not.toContain(handoffId)

    expect((await t.app.inject({ url: `/api/handoffs/${globexHandoff}`, headers: { cookie: cookies.sam } })).statusCode).toBe(404)
    expect((await t.app.inject({ url: '/api/handoffs?status=open', headers: { cookie: cookies.sam } })).statusCode).toBe(400)
  })
})

describe('notifications', () => {
  it('lists with the unread count, marks one read, then all', async () => {
    const sessionId = await sessionWithChat(t, cookies.jamie)
    await escalate(t, cookies.jamie, sessionId)
    const list = await t.app.inject({ url: '/api/notifications', headers: { cookie: cookies.morgan } })
    expect(list.statusCode).toBe(200)
    const { notifications, unread } = list.json()
    expect(unread).toBeGreaterThanOrEqual(1)
    expect(notifications[0]).toMatchObject({
      kind: 'handoff_created',
      actor: { name: 'Jamie Rivera' },
      session_id: sessionId,
      link: `/chat/${sessionId}?pickup=true`,
      read: false,
    })

    const read = await t.app.inject({ method: 'POST', url: `/api/notifications/${notifications[0].id}/read`, headers: { cookie: cookies.morgan } })
    expect(read.statusCode).toBe(204)
    const afterOne = (await t.app.inject({ url: '/api/notifications', headers: { cookie: cookies.morgan } })).json()
    expect(afterOne.unread).toBe(unread - 1)
    expect(afterOne.notifications[0].read).toBe(true)

    // Someone else's notification is not found for you.
    const foreign = await t.app.inject({ method: 'POST', url: `/api/notifications/${notifications[0].id}/read`, headers: { cookie: cookies.sam } })
    expect(foreign.statusCode).toBe(404)

    const all = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: cookies.morgan } })
    expect(all.statusCode).toBe(204)
    expect((await t.app.inject({ url: '/api/notifications', headers: { cookie: cookies.morgan } })).json().unread).toBe(0)
  })
})
