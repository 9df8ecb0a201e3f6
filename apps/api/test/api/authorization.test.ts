import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate, sessionWithChat } from '../support/fixtures.ts'
import { parseSse } from '../support/sse-client.ts'

/**
 * Who may call what: every route the app registers × each role of the organization that
 * owns the data (Acme: Jamie engineer, Sam senior, Morgan admin) × the other organization
 * (Globex: Alex engineer, Priya admin: 404, or their own empty view, and nothing of ours in
 * the answer) × signed out (401). A route missing from the table fails the test, so a new
 * endpoint has to join it. Session rights follow packages/shared/src/session-rights.ts.
 */

type Member = 'jamie' | 'sam' | 'morgan'
type Stranger = 'alex' | 'priya'
type Actor = Member | Stranger

/** What a case acts on: fresh Acme data, made by its `setup`. */
interface Fixture {
  sessionId: string
  taskId: string
  handoffId: string
  notificationId: string
}

interface Case {
  name: string
  setup: (t: TestApp) => Promise<Fixture>
  request: (f: Fixture) => { url: string; payload?: unknown; headers?: Record<string, string> }
  /** Status for each member of the owning organization. */
  expect: Record<Member, number>
  /** Status for the other organization: 404 on our data; their own (200) on lists. */
  stranger: number | Record<Stranger, number>
}

interface Row {
  /** `METHOD /url` as registered. */
  route: string
  /** Reachable signed out; `anonymous` is then its status without a session. */
  public?: { anonymous: number }
  cases: Case[]
}

let t: TestApp
let baseUrl: string
const cookies = {} as Record<Actor, string>
const ids = {} as Record<Actor, string>

beforeAll(async () => {
  // Every actor signs in more than once here; the per-IP sign-in limit is not what is tested.
  // Six callers try the same wrong password: the per-account lock-out is login-lockout.test.ts's subject.
  t = await buildTestApp({ LOGIN_RATE_LIMIT: '1000', LOGIN_LOCKOUT_THRESHOLD: '100' })
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  for (const who of ['jamie', 'sam', 'morgan', 'alex', 'priya'] as const) {
    cookies[who] = await t.login(who)
    ids[who] = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies[who] } })).json().user.id
  }
}, 120_000)
afterAll(async () => {
  await t?.close()
})

// --- fixtures -----------------------------------------------------------------------------

async function fixtureOf(sessionId: string, handoffId = ''): Promise<Fixture> {
  const task = await t.app.db.prisma.taskItem.findFirst({ where: { sessionId }, orderBy: { position: 'asc' } })
  const notification = handoffId ? await t.app.db.prisma.notification.findFirst({ where: { handoffId, userId: ids.sam } }) : null
  return { sessionId, taskId: task?.id ?? 'no-task', handoffId: handoffId || 'no-handoff', notificationId: notification?.id ?? 'no-notification' }
}

/** Jamie's session with a chat and a task lane, not escalated. */
const jamieSession = async () => fixtureOf(await sessionWithChat(t, cookies.jamie))

/** Jamie's session escalated to every senior, assessment settled (ready). */
async function jamieEscalated() {
  const sessionId = await sessionWithChat(t, cookies.jamie)
  const handoffId = (await escalate(t, cookies.jamie, sessionId)).json().id as string
  await t.app.jobs.idle()
  return fixtureOf(sessionId, handoffId)
}

/** As above, with the assessment failed (Regenerate is offered). */
async function jamieEscalatedFailed() {
  const f = await jamieEscalated()
  await t.app.db.prisma.handoff.update({ where: { id: f.handoffId }, data: { assessmentStatus: 'failed', assessmentError: 'model unavailable' } })
  return f
}

/** Jamie's escalated session, picked up by Sam. */
async function claimedBySam() {
  const f = await jamieEscalatedFailed()
  expect((await claim(t, cookies.sam, f.handoffId, 'own')).statusCode).toBe(200)
  return f
}

/** A session Sam (a senior) started himself and escalated: Jamie is no party to it. */
async function samsOwn() {
  const sessionId = await sessionWithChat(t, cookies.sam, 'The file server share is read-only for everyone.')
  const handoffId = (await escalate(t, cookies.sam, sessionId)).json().id as string
  await t.app.jobs.idle()
  return fixtureOf(sessionId, handoffId)
}

const all = (status: number): Record<Member, number> => ({ jamie: status, sam: status, morgan: status })
const none = async (): Promise<Fixture> => ({ sessionId: 'none', taskId: 'none', handoffId: 'none', notificationId: 'none' })

// --- the table ------------------------------------------------------------------------------

const TABLE: Row[] = [
  { route: 'GET /healthz', public: { anonymous: 200 }, cases: [{ name: 'health', setup: none, request: () => ({ url: '/healthz' }), expect: all(200), stranger: 200 }] },
  // The API's own description: no data of anyone's in it, the same answer for everyone.
  ...(
    [
      ['/docs', '/docs', 200],
      ['/docs/static/index.html', '/docs/static/index.html', 302],
      ['/docs/static/swagger-initializer.js', '/docs/static/swagger-initializer.js', 200],
      ['/docs/json', '/docs/json', 200],
      ['/docs/yaml', '/docs/yaml', 200],
      ['/docs/static/*', '/docs/static/swagger-ui.css', 200],
    ] as const
  ).map(
    ([route, url, status]): Row => ({
      route: `GET ${route}`,
      public: { anonymous: status },
      cases: [{ name: 'docs', setup: none, request: () => ({ url }), expect: all(status), stranger: status }],
    }),
  ),
  {
    route: 'POST /api/auth/login',
    public: { anonymous: 401 },
    cases: [{ name: 'wrong password', setup: none, request: () => ({ url: '/api/auth/login', payload: { email: 'senior@resolutionflow.example.com', password: 'wrong-password' } }), expect: all(401), stranger: 401 }],
  },
  // Signing out is tested last (it ends the cookie's session); here: no cookie, nothing to end.
  { route: 'POST /api/auth/logout', public: { anonymous: 204 }, cases: [] },
  { route: 'GET /api/me', cases: [{ name: 'me', setup: none, request: () => ({ url: '/api/me' }), expect: all(200), stranger: 200 }] },
  { route: 'GET /api/assistant', cases: [{ name: 'assistant', setup: none, request: () => ({ url: '/api/assistant' }), expect: all(200), stranger: 200 }] },
  { route: 'GET /api/users/seniors', cases: [{ name: 'seniors', setup: none, request: () => ({ url: '/api/users/seniors' }), expect: all(200), stranger: 200 }] },
  { route: 'GET /api/sessions', cases: [{ name: 'sidebar', setup: jamieEscalated, request: () => ({ url: '/api/sessions' }), expect: all(200), stranger: 200 }] },
  { route: 'POST /api/sessions', cases: [{ name: 'new session', setup: none, request: () => ({ url: '/api/sessions', payload: {} }), expect: all(201), stranger: 201 }] },
  {
    route: 'GET /api/sessions/:id',
    cases: [
      { name: "a junior's session", setup: jamieEscalated, request: (f) => ({ url: `/api/sessions/${f.sessionId}` }), expect: all(200), stranger: 404 },
      { name: "a senior's own session", setup: samsOwn, request: (f) => ({ url: `/api/sessions/${f.sessionId}` }), expect: { jamie: 403, sam: 200, morgan: 200 }, stranger: 404 },
    ],
  },
  {
    route: 'PATCH /api/sessions/:id',
    cases: [
      { name: 'not picked up', setup: jamieEscalated, request: (f) => ({ url: `/api/sessions/${f.sessionId}`, payload: { title: 'Renamed' } }), expect: { jamie: 200, sam: 403, morgan: 403 }, stranger: 404 },
      { name: 'picked up by Sam', setup: claimedBySam, request: (f) => ({ url: `/api/sessions/${f.sessionId}`, payload: { title: 'Renamed' } }), expect: { jamie: 200, sam: 200, morgan: 403 }, stranger: 404 },
    ],
  },
  {
    route: 'POST /api/sessions/:id/messages',
    cases: [
      { name: 'not picked up', setup: jamieEscalated, request: (f) => ({ url: `/api/sessions/${f.sessionId}/messages`, payload: { content: 'Any news?' } }), expect: { jamie: 201, sam: 403, morgan: 403 }, stranger: 404 },
      { name: 'picked up by Sam', setup: claimedBySam, request: (f) => ({ url: `/api/sessions/${f.sessionId}/messages`, payload: { content: 'Any news?' } }), expect: { jamie: 201, sam: 201, morgan: 403 }, stranger: 404 },
    ],
  },
  {
    // Answered already: the people working it get past the rights check to 409 ALREADY_ANSWERED.
    route: 'POST /api/sessions/:id/reply',
    cases: [
      { name: 'not picked up', setup: jamieEscalated, request: (f) => ({ url: `/api/sessions/${f.sessionId}/reply` }), expect: { jamie: 409, sam: 403, morgan: 403 }, stranger: 404 },
      { name: 'picked up by Sam', setup: claimedBySam, request: (f) => ({ url: `/api/sessions/${f.sessionId}/reply` }), expect: { jamie: 409, sam: 409, morgan: 403 }, stranger: 404 },
    ],
  },
  {
    route: 'PATCH /api/sessions/:id/tasks/:taskId',
    cases: [
      { name: 'not picked up', setup: jamieEscalated, request: (f) => ({ url: `/api/sessions/${f.sessionId}/tasks/${f.taskId}`, payload: { status: 'done' } }), expect: { jamie: 200, sam: 403, morgan: 403 }, stranger: 404 },
      { name: 'picked up by Sam', setup: claimedBySam, request: (f) => ({ url: `/api/sessions/${f.sessionId}/tasks/${f.taskId}`, payload: { status: 'done' } }), expect: { jamie: 200, sam: 200, morgan: 403 }, stranger: 404 },
    ],
  },
  {
    route: 'POST /api/sessions/:id/handoffs',
    cases: [
      { name: 'not escalated', setup: jamieSession, request: (f) => ({ url: `/api/sessions/${f.sessionId}/handoffs`, payload: {} }), expect: { jamie: 201, sam: 403, morgan: 403 }, stranger: 404 },
      // Sam, who picked it up, may pass it on (to Morgan: all other seniors).
      { name: 'picked up by Sam', setup: claimedBySam, request: (f) => ({ url: `/api/sessions/${f.sessionId}/handoffs`, payload: {} }), expect: { jamie: 201, sam: 201, morgan: 403 }, stranger: 404 },
    ],
  },
  { route: 'GET /api/handoffs', cases: [{ name: 'queue', setup: jamieEscalated, request: () => ({ url: '/api/handoffs?status=pending' }), expect: all(200), stranger: 200 }] },
  {
    route: 'GET /api/handoffs/:id',
    cases: [
      { name: "a junior's handoff", setup: jamieEscalated, request: (f) => ({ url: `/api/handoffs/${f.handoffId}` }), expect: all(200), stranger: 404 },
      { name: "a senior's own handoff", setup: samsOwn, request: (f) => ({ url: `/api/handoffs/${f.handoffId}` }), expect: { jamie: 403, sam: 200, morgan: 200 }, stranger: 404 },
    ],
  },
  {
    route: 'POST /api/handoffs/:id/claim',
    cases: [{ name: 'waiting', setup: jamieEscalated, request: (f) => ({ url: `/api/handoffs/${f.handoffId}/claim`, payload: { option: 'own' } }), expect: { jamie: 403, sam: 200, morgan: 200 }, stranger: 404 }],
  },
  {
    route: 'POST /api/handoffs/:id/assessment/regenerate',
    cases: [
      // Failed while it waits: the people working it and every senior it was sent to.
      { name: 'failed, waiting for pickup', setup: jamieEscalatedFailed, request: (f) => ({ url: `/api/handoffs/${f.handoffId}/assessment/regenerate` }), expect: all(202), stranger: 404 },
      // Ready: only the people working it.
      { name: 'ready, waiting for pickup', setup: jamieEscalated, request: (f) => ({ url: `/api/handoffs/${f.handoffId}/assessment/regenerate` }), expect: { jamie: 202, sam: 403, morgan: 403 }, stranger: 404 },
      // Picked up: the junior and the claimer, no longer the other seniors.
      { name: 'failed, picked up by Sam', setup: claimedBySam, request: (f) => ({ url: `/api/handoffs/${f.handoffId}/assessment/regenerate` }), expect: { jamie: 202, sam: 202, morgan: 403 }, stranger: 404 },
      // A senior's own escalation: the junior has nothing to do with it.
      { name: "a senior's own, failed", setup: async () => { const f = await samsOwn(); await t.app.db.prisma.handoff.update({ where: { id: f.handoffId }, data: { assessmentStatus: 'failed' } }); return f }, request: (f) => ({ url: `/api/handoffs/${f.handoffId}/assessment/regenerate` }), expect: { jamie: 403, sam: 202, morgan: 202 }, stranger: 404 },
    ],
  },
  { route: 'GET /api/notifications', cases: [{ name: 'bell', setup: jamieEscalated, request: () => ({ url: '/api/notifications' }), expect: all(200), stranger: 200 }] },
  {
    route: 'POST /api/notifications/:id/read',
    // Sam's notification: only Sam reads it; to anyone else it does not exist.
    cases: [{ name: "Sam's notification", setup: jamieEscalated, request: (f) => ({ url: `/api/notifications/${f.notificationId}/read` }), expect: { jamie: 404, sam: 204, morgan: 404 }, stranger: 404 }],
  },
  { route: 'POST /api/notifications/read-all', cases: [{ name: 'all read', setup: none, request: () => ({ url: '/api/notifications/read-all' }), expect: all(204), stranger: 204 }] },
  // Tested below over HTTP: a stream never ends by itself.
  { route: 'GET /api/events', cases: [] },
  {
    route: 'GET /api/metrics/escalations',
    cases: [{ name: 'team figures', setup: jamieEscalated, request: () => ({ url: '/api/metrics/escalations' }), expect: { jamie: 403, sam: 403, morgan: 200 }, stranger: { alex: 403, priya: 200 } }],
  },
]

// --- the checks -----------------------------------------------------------------------------

const methodOf = (route: string) => route.split(' ')[0] as 'GET' | 'POST' | 'PATCH'

/** Nothing that names our fixture, or Acme, may appear in an answer to the other organization. */
function expectNothingOfOurs(body: string, f: Fixture) {
  for (const id of [f.sessionId, f.taskId, f.handoffId, f.notificationId].filter((v) => v.length > 20)) expect(body).not.toContain(id)
  for (const word of ['Acme', 'Jamie Rivera', 'Sam Patel', 'Morgan Lee', 'resolutionflow.example.com']) expect(body).not.toContain(word)
}

/**
 * Routes whose role × organization × signed-out table sits in their feature's own test file,
 * beside the data it needs. Every route is in this file's TABLE or in one of these lists.
 */
const TABLED_ELSEWHERE: Record<string, string[]> = {
  'team.test.ts': [
    'GET /api/setup', 'POST /api/setup', 'GET /api/invitations', 'POST /api/invitations', 'DELETE /api/invitations/:id',
    'GET /api/invitations/:token', 'POST /api/invitations/:token/accept', 'GET /api/members', 'PATCH /api/members/:id',
    'POST /api/members/:id/password-reset', 'GET /api/password-resets/:token', 'POST /api/password-resets/:token',
    'POST /api/me/password', 'GET /api/organization', 'PATCH /api/organization', 'GET /api/audit',
  ],
  'oidc.test.ts': ['GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback'],
  'escalation-loop.test.ts': [
    'POST /api/handoffs/:id/cancel', 'POST /api/handoffs/:id/decline', 'POST /api/handoffs/:id/hand-back',
    'GET /api/handoffs/:id/feedback', 'PUT /api/handoffs/:id/feedback', 'GET /api/handoffs/:id/similar',
    'POST /api/sessions/:id/resolve', 'POST /api/sessions/:id/reopen',
  ],
  'webhooks.test.ts': ['GET /api/webhooks', 'POST /api/webhooks', 'DELETE /api/webhooks/:id', 'GET /api/webhooks/:id/deliveries', 'POST /api/webhooks/:id/test'],
  'push.test.ts': ['GET /api/push/vapid-public-key', 'GET /api/push/subscriptions', 'POST /api/push/subscriptions', 'DELETE /api/push/subscriptions/:id'],
  'email-notifications.test.ts': ['GET /api/me/preferences', 'PATCH /api/me/preferences'],
  'presence.test.ts': ['POST /api/handoffs/:id/presence', 'DELETE /api/handoffs/:id/presence', 'GET /api/presence'],
}

describe('authorization matrix', () => {
  it('covers every route the app registers, and only those (here or in a feature test file)', () => {
    const registered = t.routes.map((r) => `${r.method} ${r.url}`).sort()
    expect([...TABLE.map((r) => r.route), ...Object.values(TABLED_ELSEWHERE).flat()].sort()).toEqual(registered)
  })

  it('marks as public exactly the routes the table calls public', () => {
    for (const row of TABLE) {
      const registered = t.routes.find((r) => `${r.method} ${r.url}` === row.route)!
      // /docs and /healthz sit outside /api, which is where sign-in is required.
      const open = registered.public || !registered.url.startsWith('/api/')
      expect({ route: row.route, public: open }).toEqual({ route: row.route, public: Boolean(row.public) })
    }
  })

  const cases = TABLE.flatMap((row) => row.cases.map((c) => [`${row.route}: ${c.name}`, row, c] as const))

  it.each(cases)('%s', { timeout: 120_000 }, async (_name, row, c) => {
    const method = methodOf(row.route)
    const send = async (cookie: string | null, f: Fixture) => {
      const r = c.request(f)
      return t.app.inject({ method, url: r.url, headers: { ...(cookie ? { cookie } : {}), ...r.headers }, ...(r.payload !== undefined ? { payload: r.payload as object } : {}) })
    }
    // Each caller acts on fresh data, so one's write never decides another's answer.
    for (const who of ['jamie', 'sam', 'morgan'] as const) {
      const res = await send(cookies[who], await c.setup(t))
      expect({ who, status: res.statusCode }, res.body).toEqual({ who, status: c.expect[who] })
      if (res.statusCode === 403) expect(res.json()).toEqual({ code: 'FORBIDDEN', message: expect.any(String) })
    }
    for (const who of ['alex', 'priya'] as const) {
      const f = await c.setup(t)
      const res = await send(cookies[who], f)
      const status = typeof c.stranger === 'number' ? c.stranger : c.stranger[who]
      expect({ who, status: res.statusCode }, res.body).toEqual({ who, status })
      if (status === 404) expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.any(String) })
      expectNothingOfOurs(res.body, f)
    }
    const res = await send(null, await c.setup(t))
    expect(res.statusCode).toBe(row.public?.anonymous ?? 401)
    if (!row.public) expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' })
  })

  it('answers 401 on every route that needs sign-in, with no cookie or a forged one, and 2xx/4xx on public ones', async () => {
    for (const row of TABLE) {
      const [method, route] = row.route.split(' ') as [ReturnType<typeof methodOf>, string]
      const url = route.replace(/:\w+/g, 'x').replace('*', 'index.html')
      for (const cookie of [undefined, 'rf_session=forged.value']) {
        const res = await t.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(method === 'GET' ? {} : { payload: {} }) })
        if (row.public) expect(res.statusCode, row.route).toBeLessThan(500)
        else expect({ route: row.route, status: res.statusCode }).toEqual({ route: row.route, status: 401 })
      }
    }
  })

  describe('GET /api/events', () => {
    /** Opens the stream and reads until it is live; returns its text. */
    async function streamText(cookie: string | null, lastEventId?: string) {
      const controller = new AbortController()
      const res = await fetch(`${baseUrl}/api/events`, {
        headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: controller.signal,
      })
      if (res.headers.get('content-type')?.includes('application/json')) return { status: res.status, text: await res.text() }
      const reader = res.body!.getReader()
      let text = ''
      while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value)
      controller.abort()
      return { status: res.status, text }
    }

    it("streams to every member; replays to the other organization nothing of ours, even from our ids; 401 signed out", { timeout: 60_000 }, async () => {
      const before = (await t.app.db.prisma.event.findFirstOrThrow({ orderBy: { id: 'desc' } })).id.toString()
      const f = await jamieEscalated()
      for (const who of ['jamie', 'sam', 'morgan'] as const) {
        const { status, text } = await streamText(cookies[who], before)
        expect(status).toBe(200)
        expect(text).toContain(f.sessionId)
      }
      for (const who of ['alex', 'priya'] as const) {
        const { status, text } = await streamText(cookies[who], before)
        expect(status).toBe(200)
        expect(parseSse(text).some((e) => e.event === 'reset')).toBe(true)
        expectNothingOfOurs(text, f)
      }
      const anonymous = await streamText(null)
      expect(anonymous.status).toBe(401)
      expect(JSON.parse(anonymous.text)).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' })
    })
  })

  it('POST /api/auth/logout: each signed-in user ends their own session (204), and only it', async () => {
    for (const who of ['jamie', 'sam', 'morgan', 'alex', 'priya'] as const) {
      const cookie = await t.login(who)
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204)
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401)
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies[who] } })).statusCode).toBe(200)
    }
  })
})
