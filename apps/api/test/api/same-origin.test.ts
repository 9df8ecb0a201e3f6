import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'

let t: TestApp
let jamie: string
let sam: string
/** inject's requests arrive with `Host: localhost:80`, so the app's own origin is this. */
const OWN = 'http://localhost'

beforeAll(async () => {
  t = await buildTestApp()
  jamie = await t.login('jamie')
  sam = await t.login('sam')
})
afterAll(() => t?.close())

/** What the forged requests could change, read straight from the tables. */
async function snapshot() {
  const prisma = t.app.db.prisma
  return {
    sessions: await prisma.chatSession.count(),
    messages: await prisma.message.count(),
    unread: await prisma.notification.count({ where: { readAt: null } }),
    handoffs: await prisma.handoff.findMany({ select: { id: true, status: true, assessmentStatus: true }, orderBy: { id: 'asc' } }),
    tasks: await prisma.taskItem.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } }),
    titles: await prisma.chatSession.findMany({ select: { id: true, title: true }, orderBy: { id: 'asc' } }),
    signIns: await prisma.authSession.count(),
  }
}

describe('state-changing requests from another origin', () => {
  const forgeries: Array<[string, Record<string, string>]> = [
    ['another port of the same host (Origin)', { origin: 'http://localhost:9999' }],
    ['a sibling subdomain (Origin)', { origin: 'http://portal.localhost' }],
    ['an opaque origin (Origin: null)', { origin: 'null' }],
    ['https instead of http (Origin)', { origin: 'https://localhost' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
    ['our Origin but Sec-Fetch-Site: same-site', { origin: OWN, 'sec-fetch-site': 'same-site' }],
  ]

  it.each(forgeries)('are refused on every route when they come from %s, and change nothing', async (_from, forged) => {
    const printer = await t.app.db.prisma.chatSession.findFirstOrThrow({ where: { title: 'Reception printer shows offline' }, include: { tasks: true, handoffs: true } })
    const notification = await t.app.db.prisma.notification.findFirstOrThrow({ where: { readAt: null } })
    const ids: Record<string, string> = { id: printer.id, taskId: printer.tasks[0]!.id }
    const before = await snapshot()
    const unsafe = t.routes.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method))
    expect(unsafe.length).toBeGreaterThanOrEqual(10)
    const answers: Record<string, string> = {}
    for (const route of unsafe) {
      const url = route.url
        .replace('/handoffs/:id', `/handoffs/${printer.handoffs[0]!.id}`)
        .replace('/notifications/:id', `/notifications/${notification.id}`)
        .replace(/:([a-zA-Z]+)/g, (_m, name: string) => ids[name] ?? name)
      for (const [cookie, label] of [[jamie, 'junior'], [sam, 'senior']] as const) {
        // Without a body (what a no-cors fetch or an empty form sends) and with a JSON one.
        for (const payload of [undefined, { title: 'x', content: 'x', status: 'done', option: 'continue', email: DEMO_USERS.jamie.email, password: DEMO_PASSWORD }]) {
          const res = await t.app.inject({ method: route.method as 'POST', url, headers: { cookie, ...forged }, ...(payload && { payload }) })
          answers[`${route.method} ${route.url} ${label} ${payload ? 'json' : 'empty'}`] = `${res.statusCode} ${res.json().code}`
        }
      }
    }
    expect(Object.values(answers).every((a) => a === '403 CROSS_SITE_REQUEST'), JSON.stringify(answers, null, 1)).toBe(true)
    expect(await snapshot()).toEqual(before)
  })

  it('say why, in the contract shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie, origin: 'http://localhost:9999' } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toEqual({ code: 'CROSS_SITE_REQUEST', message: expect.stringContaining('own pages') })
  })

  it('leave reads alone: a cross-origin GET gets its answer, which the browser keeps from the other page (no CORS headers)', async () => {
    const res = await t.app.inject({ url: '/api/sessions', headers: { cookie: jamie, origin: 'http://localhost:9999', 'sec-fetch-site': 'same-site' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('same-origin requests', () => {
  it('work from the app’s own pages (Origin and Sec-Fetch-Site: same-origin)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie, origin: OWN, 'sec-fetch-site': 'same-origin' }, payload: { title: 'From the app' } })
    expect(res.statusCode).toBe(201)
    const read = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: sam, origin: `${OWN}:80`, 'sec-fetch-site': 'same-origin' } })
    expect(read.statusCode).toBe(204)
  })

  it('work from non-browser clients, which send neither header', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie }, payload: {} })
    expect(res.statusCode).toBe(201)
  })

  it('still need a JSON body: text/plain and forms are refused even from our origin', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie, origin: OWN, 'content-type': type }, payload: 'title=x' })
      expect(res.statusCode, type).toBe(415)
      expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    }
  })
})

describe('behind a proxy (APP_ORIGIN)', () => {
  let proxied: TestApp
  beforeAll(async () => {
    proxied = await buildTestApp({ APP_ORIGIN: 'https://helpdesk.example.com' })
  })
  afterAll(() => proxied?.close())

  it('accepts the public origin whatever Host the proxy forwards, and refuses the internal one', async () => {
    const cookie = await proxied.login('jamie')
    const ok = await proxied.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie, origin: 'https://helpdesk.example.com' }, payload: {} })
    expect(ok.statusCode).toBe(201)
    const internal = await proxied.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie, origin: 'http://localhost' }, payload: {} })
    expect(internal.statusCode).toBe(403)
  })
})
