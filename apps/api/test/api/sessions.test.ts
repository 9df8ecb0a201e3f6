import {
  SessionDetailResponseSchema,
  SessionResponseSchema,
  SessionsResponseSchema,
  TaskResponseSchema,
} from '@resolutionflow/shared/sessions.ts'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'

type DemoUser = keyof typeof DEMO_USERS

let t: TestApp
const cookies = {} as Record<DemoUser, string>
const users = {} as Record<DemoUser, { id: string; organizationId: string; name: string }>
/** The demo data's sessions: two of Jamie's in Acme (one escalated), one of Alex's in Globex. */
const seeded = {} as Record<'printer' | 'vpn' | 'outlook', string>

beforeAll(async () => {
  t = await buildTestApp()
  const prisma = t.app.db.prisma
  for (const key of Object.keys(DEMO_USERS) as DemoUser[]) {
    cookies[key] = await t.login(key)
    users[key] = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[key].email } })
  }
  const byTitle = async (title: string) => (await prisma.chatSession.findFirstOrThrow({ where: { title } })).id
  seeded.printer = await byTitle('Reception printer shows offline')
  seeded.vpn = await byTitle('VPN drops every few minutes')
  seeded.outlook = await byTitle('Outlook keeps asking for a password')
})
afterAll(() => t?.close())

const as = (user: DemoUser) => ({ cookie: cookies[user] })

async function createSession(user: DemoUser, title?: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: as(user), payload: title ? { title } : {} })
  expect(res.statusCode).toBe(201)
  return res.json().session.id
}

async function sidebar(user: DemoUser) {
  const res = await t.app.inject({ url: '/api/sessions', headers: as(user) })
  expect(res.statusCode).toBe(200)
  return SessionsResponseSchema.parse(res.json()).sessions
}

function expectValidationError(res: { statusCode: number; json(): any }, path: string) {
  expect(res.statusCode).toBe(400)
  const body = res.json()
  expect(body).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringContaining(path), issues: expect.any(Array) })
  expect(body.issues).toContainEqual({ path, message: expect.any(String) })
}

describe('POST /api/sessions', () => {
  it('creates a session titled "New session" when no title is given, with or without a body', async () => {
    for (const payload of [undefined, {}]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: as('jamie'), ...(payload && { payload }) })
      expect(res.statusCode).toBe(201)
      const { session } = SessionResponseSchema.parse(res.json())
      expect(session).toEqual({
        id: expect.any(String),
        title: 'New session',
        created_by: { id: users.jamie.id, name: 'Jamie Rivera' },
        created_at: expect.any(String),
        last_activity_at: session.created_at,
        handoff_status: null,
        handoff_handed_back_at: null,
        status: 'open',
        resolved_at: null,
        resolved_by: null,
        resolution_note: null,
        root_cause: null,
      })
      const row = await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id: session.id } })
      expect(row).toMatchObject({ title: 'New session', createdById: users.jamie.id, organizationId: users.jamie.organizationId })
      expect(row.createdAt.toISOString()).toBe(session.created_at)
    }
  })

  it('uses the given title, trimmed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: as('sam'), payload: { title: '  Mail to Gmail bounces  ' } })
    expect(res.statusCode).toBe(201)
    const { session } = res.json()
    expect(session.title).toBe('Mail to Gmail bounces')
    expect(session.created_by).toEqual({ id: users.sam.id, name: 'Sam Patel' })
    const row = await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id: session.id } })
    expect(row).toMatchObject({ title: 'Mail to Gmail bounces', createdById: users.sam.id })
  })

  it('rejects a title that is too long, blank or not a string with 400 and creates nothing', async () => {
    const before = await t.app.db.prisma.chatSession.count()
    for (const title of ['x'.repeat(201), '   ', 42]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: as('jamie'), payload: { title } })
      expectValidationError(res, 'body.title')
    }
    expect(await t.app.db.prisma.chatSession.count()).toBe(before)
  })
})

describe('GET /api/sessions (the sidebar)', () => {
  it("lists the user's own sessions and the ones they claimed, not colleagues' or other organizations'", async () => {
    const prisma = t.app.db.prisma
    const samOwn = await createSession('sam', 'Sam: firewall firmware')
    const claimedBySam = await createSession('jamie', 'Jamie: claimed by Sam')
    const claimedByMorgan = await createSession('jamie', 'Jamie: claimed by Morgan')
    const onlyTargetedAtSam = await createSession('jamie', 'Jamie: escalated to Sam, not picked up')
    const handoff = (sessionId: string, extra: object) =>
      prisma.handoff.create({
        data: {
          organizationId: users.jamie.organizationId,
          sessionId,
          handedOffById: users.jamie.id,
          assessmentStatus: 'failed',
          ...extra,
        },
      })
    const claimed = (by: DemoUser) => ({ status: 'claimed' as const, claimedById: users[by].id, claimedAt: new Date(), claimOption: 'continue' as const })
    await handoff(claimedBySam, claimed('sam'))
    await handoff(claimedByMorgan, claimed('morgan'))
    await handoff(onlyTargetedAtSam, { targetUserId: users.sam.id })

    const sam = await sidebar('sam')
    const samIds = sam.map((s) => s.id)
    expect(samIds).toEqual(expect.arrayContaining([samOwn, claimedBySam]))
    for (const id of [claimedByMorgan, onlyTargetedAtSam, seeded.printer, seeded.vpn, seeded.outlook]) expect(samIds).not.toContain(id)
    // Every entry is Sam's own or claimed by him: nothing else leaks in.
    const claimedIds = new Set((await prisma.handoff.findMany({ where: { claimedById: users.sam.id } })).map((h) => h.sessionId))
    for (const s of sam) expect(s.created_by.id === users.sam.id || claimedIds.has(s.id)).toBe(true)
    expect(sam.find((s) => s.id === claimedBySam)).toMatchObject({ created_by: { name: 'Jamie Rivera' }, handoff_status: 'claimed' })

    const jamie = (await sidebar('jamie')).map((s) => s.id)
    expect(jamie).toEqual(expect.arrayContaining([seeded.printer, seeded.vpn, claimedBySam, claimedByMorgan, onlyTargetedAtSam]))
    expect(jamie).not.toContain(samOwn)
    expect(jamie).not.toContain(seeded.outlook)

    const alex = await sidebar('alex')
    expect(alex.map((s) => s.id)).toEqual([seeded.outlook])
    const priya = (await sidebar('priya')).map((s) => s.id)
    for (const id of [samOwn, claimedBySam, seeded.printer, seeded.outlook]) expect(priya).not.toContain(id)
  })

  it('puts the newest activity first, and a new message moves a session to the top', async () => {
    const [a, b, c] = [await createSession('priya', 'A'), await createSession('priya', 'B'), await createSession('priya', 'C')]
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000)
    await t.app.db.prisma.chatSession.update({ where: { id: a }, data: { lastActivityAt: at(30) } })
    await t.app.db.prisma.chatSession.update({ where: { id: b }, data: { lastActivityAt: at(10) } })
    await t.app.db.prisma.chatSession.update({ where: { id: c }, data: { lastActivityAt: at(20) } })

    expect((await sidebar('priya')).map((s) => s.title)).toEqual(['B', 'C', 'A'])

    const sent = await t.app.inject({ method: 'POST', url: `/api/sessions/${a}/messages`, headers: as('priya'), payload: { content: 'Any news?' } })
    expect(sent.statusCode).toBe(201)
    const list = await sidebar('priya')
    expect(list.map((s) => s.id)).toEqual([a, b, c])
    expect(Date.parse(list[0]!.last_activity_at)).toBeGreaterThan(Date.parse(list[1]!.last_activity_at))
  })
})

describe('GET /api/sessions/:id', () => {
  it('returns the session, its messages in order, its task lane and its latest handoff', async () => {
    const res = await t.app.inject({ url: `/api/sessions/${seeded.printer}`, headers: as('jamie') })
    expect(res.statusCode).toBe(200)
    const body = SessionDetailResponseSchema.parse(res.json())
    expect(body.session).toMatchObject({ id: seeded.printer, title: 'Reception printer shows offline', handoff_status: 'pending' })

    const rows = await t.app.db.prisma.message.findMany({ where: { sessionId: seeded.printer }, orderBy: { createdAt: 'asc' } })
    expect(rows).toHaveLength(4)
    expect(body.messages.map((m) => [m.id, m.role, m.author?.name ?? null])).toEqual(
      rows.map((r) => [r.id, r.role, r.role === 'user' ? 'Jamie Rivera' : null]),
    )
    expect(body.messages[0]!.content).toContain('HP LaserJet M404')
    expect(body.messages.every((m) => m.session_id === seeded.printer && m.incomplete === false)).toBe(true)

    expect(body.task_lane.map((task) => [task.title, task.status, task.position])).toEqual([
      ['Ping the printer', 'done', 0],
      ['Restart the Print Spooler on PRINT01', 'done', 1],
      ['Check the printer port on PRINT01', 'todo', 2],
      ['Check SNMP status on the port', 'todo', 3],
    ])

    expect(body.handoff).toMatchObject({
      session_id: seeded.printer,
      status: 'pending',
      handed_off_by: { id: users.jamie.id, name: 'Jamie Rivera' },
      note: expect.stringContaining('PRINT01'),
    })
  })

  it('shows a session to colleagues of the same organization (a senior opening a handoff)', async () => {
    const res = await t.app.inject({ url: `/api/sessions/${seeded.vpn}`, headers: as('sam') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ session: { id: seeded.vpn, created_by: { name: 'Jamie Rivera' } }, handoff: null })
    expect(res.json().task_lane).toHaveLength(2)
  })

  it('returns an empty chat for a new session', async () => {
    const id = await createSession('jamie')
    const res = await t.app.inject({ url: `/api/sessions/${id}`, headers: as('jamie') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ session: { id, title: 'New session' }, messages: [], task_lane: [], handoff: null })
  })
})

describe('PATCH /api/sessions/:id (rename)', () => {
  it('renames the session and answers with it', async () => {
    const id = await createSession('jamie')
    const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${id}`, headers: as('jamie'), payload: { title: ' Dunmore: scanner to email ' } })
    expect(res.statusCode).toBe(200)
    const { session } = SessionResponseSchema.parse(res.json())
    expect(session).toMatchObject({ id, title: 'Dunmore: scanner to email', created_by: { id: users.jamie.id } })
    expect((await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id } })).title).toBe('Dunmore: scanner to email')
  })

  it('rejects a missing, blank or too-long title with 400 and keeps the old one', async () => {
    const id = await createSession('jamie', 'Keep me')
    for (const payload of [{}, { title: '' }, { title: '  ' }, { title: 'y'.repeat(201) }]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${id}`, headers: as('jamie'), payload })
      expectValidationError(res, 'body.title')
    }
    expect((await t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id } })).title).toBe('Keep me')
  })
})

describe('another organization', () => {
  it('gets 404 on every session route, the same answer as for a session that does not exist, and changes nothing', async () => {
    const prisma = t.app.db.prisma
    const task = await prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.printer, status: 'todo' } })
    const before = {
      session: await prisma.chatSession.findUniqueOrThrow({ where: { id: seeded.printer } }),
      messages: await prisma.message.count(),
      task: await prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } }),
    }
    const routes = (sessionId: string, taskId: string) => [
      { method: 'GET' as const, url: `/api/sessions/${sessionId}` },
      { method: 'PATCH' as const, url: `/api/sessions/${sessionId}`, payload: { title: 'Mine now' } },
      { method: 'POST' as const, url: `/api/sessions/${sessionId}/messages`, payload: { content: 'Printer offline?' } },
      {
        method: 'POST' as const,
        url: `/api/sessions/${sessionId}/messages`,
        payload: { content: 'Printer offline?' },
        headers: { accept: 'text/event-stream' },
      },
      { method: 'PATCH' as const, url: `/api/sessions/${sessionId}/tasks/${taskId}`, payload: { status: 'done' } },
    ]

    const missing = routes(randomUUID(), randomUUID())
    for (const [i, route] of routes(seeded.printer, task.id).entries()) {
      for (const user of ['alex', 'priya'] as const) {
        const res = await t.app.inject({ ...route, headers: { ...route.headers, ...as(user) } })
        const absent = await t.app.inject({ ...missing[i]!, headers: { ...missing[i]!.headers, ...as(user) } })
        expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 404 })
        expect(res.headers['content-type']).toContain('application/json')
        expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.stringMatching(/^(Session|Task) not found$/) })
        expect(absent.statusCode).toBe(404)
        expect(res.json()).toEqual(absent.json())
      }
    }
    // And the other way round: Acme cannot reach Globex's session.
    const res = await t.app.inject({ url: `/api/sessions/${seeded.outlook}`, headers: as('jamie') })
    expect(res.statusCode).toBe(404)

    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: seeded.printer } })).toEqual(before.session)
    expect(await prisma.message.count()).toBe(before.messages)
    expect(await prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })).toEqual(before.task)
  })
})

describe('PATCH /api/sessions/:id/tasks/:taskId', () => {
  it('sets the status, answers with the task, and records the change', async () => {
    const prisma = t.app.db.prisma
    const task = await prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.vpn }, orderBy: { position: 'asc' } })
    const sessionBefore = await prisma.chatSession.findUniqueOrThrow({ where: { id: seeded.vpn } })
    const eventsBefore = await prisma.event.count({ where: { type: 'task_lane_updated' } })

    for (const status of ['done', 'skipped', 'todo'] as const) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${seeded.vpn}/tasks/${task.id}`, headers: as('jamie'), payload: { status } })
      expect(res.statusCode).toBe(200)
      const body = TaskResponseSchema.parse(res.json())
      expect(body.task).toEqual({
        id: task.id,
        session_id: seeded.vpn,
        title: task.title,
        detail: task.detail,
        status,
        position: task.position,
        created_at: task.createdAt.toISOString(),
        updated_at: expect.any(String),
      })
      const row = await prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })
      expect(row.status).toBe(status)
      expect(row.updatedAt.toISOString()).toBe(body.task.updated_at)
    }
    // The session counts as active (sidebar order), and each change went to the outbox.
    const sessionAfter = await prisma.chatSession.findUniqueOrThrow({ where: { id: seeded.vpn } })
    expect(sessionAfter.lastActivityAt.getTime()).toBeGreaterThan(sessionBefore.lastActivityAt.getTime())
    expect(await prisma.event.count({ where: { type: 'task_lane_updated' } })).toBe(eventsBefore + 3)
  })

  it('refuses a senior who has not picked the session up with 403, and changes nothing', async () => {
    const task = await t.app.db.prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.vpn, position: 1 } })
    const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${seeded.vpn}/tasks/${task.id}`, headers: as('sam'), payload: { status: 'done' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
    expect((await t.app.db.prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('todo')
  })

  it('answers 404 for a task of another session, even of the same user, and changes nothing', async () => {
    const task = await t.app.db.prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.printer, status: 'todo' } })
    const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${seeded.vpn}/tasks/${task.id}`, headers: as('jamie'), payload: { status: 'done' } })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: 'Task not found' })
    expect((await t.app.db.prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('todo')
  })

  it("answers 404 when another organization's user names their own session with this organization's task", async () => {
    const task = await t.app.db.prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.printer, status: 'todo' } })
    const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${seeded.outlook}/tasks/${task.id}`, headers: as('alex'), payload: { status: 'skipped' } })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
    expect((await t.app.db.prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('todo')
  })

  it('rejects an unknown or missing status with 400 and changes nothing', async () => {
    const task = await t.app.db.prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.printer, status: 'todo' } })
    for (const payload of [{ status: 'finished' }, { status: 'DONE' }, {}]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${seeded.printer}/tasks/${task.id}`, headers: as('jamie'), payload })
      expectValidationError(res, 'body.status')
    }
    expect((await t.app.db.prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('todo')
  })
})

describe('text Postgres cannot store (U+0000)', () => {
  it('is a 400 naming the field on every route that takes text or an id, and writes nothing', async () => {
    const prisma = t.app.db.prisma
    const task = await prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.printer } })
    const before = { sessions: await prisma.chatSession.count(), messages: await prisma.message.count(), handoffs: await prisma.handoff.count() }
    const own = await createSession('jamie', 'NUL checks')
    const cases = [
      { method: 'POST' as const, url: '/api/sessions', payload: { title: 'Printer\u0000' }, path: 'body.title' },
      { method: 'PATCH' as const, url: `/api/sessions/${own}`, payload: { title: 'Printer\u0000' }, path: 'body.title' },
      { method: 'POST' as const, url: `/api/sessions/${own}/messages`, payload: { content: 'printer \u0000 offline' }, path: 'body.content' },
      { method: 'POST' as const, url: `/api/sessions/${own}/handoffs`, payload: { note: 'stuck\u0000' }, path: 'body.note' },
      { method: 'GET' as const, url: '/api/sessions/%00abc', path: 'params.id' },
      { method: 'PATCH' as const, url: `/api/sessions/${seeded.printer}/tasks/%00`, payload: { status: 'done' }, path: 'params.taskId' },
      { method: 'GET' as const, url: '/api/handoffs/%00', path: 'params.id' },
      { method: 'POST' as const, url: '/api/notifications/%00/read', path: 'params.id' },
    ]
    for (const { path, ...route } of cases) expectValidationError(await t.app.inject({ ...route, headers: as('jamie') }), path)

    expect(await prisma.chatSession.count()).toBe(before.sessions + 1)
    expect(await prisma.message.count()).toBe(before.messages)
    expect(await prisma.handoff.count()).toBe(before.handoffs)
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: own } })).title).toBe('NUL checks')
    expect((await prisma.taskItem.findUniqueOrThrow({ where: { id: task.id } })).status).toBe(task.status)
  })
})

describe('without a session cookie', () => {
  it('answers 401 on every session route and changes nothing', async () => {
    const task = await t.app.db.prisma.taskItem.findFirstOrThrow({ where: { sessionId: seeded.printer } })
    const before = { sessions: await t.app.db.prisma.chatSession.count(), messages: await t.app.db.prisma.message.count() }
    const routes = [
      { method: 'GET' as const, url: '/api/sessions' },
      { method: 'POST' as const, url: '/api/sessions', payload: {} },
      { method: 'GET' as const, url: `/api/sessions/${seeded.printer}` },
      { method: 'PATCH' as const, url: `/api/sessions/${seeded.printer}`, payload: { title: 'x' } },
      { method: 'POST' as const, url: `/api/sessions/${seeded.printer}/messages`, payload: { content: 'hi' } },
      { method: 'PATCH' as const, url: `/api/sessions/${seeded.printer}/tasks/${task.id}`, payload: { status: 'done' } },
    ]
    for (const route of routes) {
      for (const headers of [{}, { cookie: 'rf_session=forged.value' }]) {
        const res = await t.app.inject({ ...route, headers })
        expect({ url: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({ url: `${route.method} ${route.url}`, status: 401 })
        expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' })
      }
    }
    expect(await t.app.db.prisma.chatSession.count()).toBe(before.sessions)
    expect(await t.app.db.prisma.message.count()).toBe(before.messages)
  })
})
