import net from 'node:net'
import { ErrorResponseSchema } from '@resolutionflow/shared/errors.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'

/**
 * A TCP relay between the app and Postgres that the test can switch: `up` relays, `refusing`
 * closes its port (a stopped server: ECONNREFUSED), `dropping` accepts and hangs up at once
 * (a server restarting), and every switch cuts the connections already open.
 */
async function startRelay(target: { host: string; port: number }) {
  let mode: 'up' | 'dropping' = 'up'
  const open = new Set<net.Socket>()
  let server: net.Server | null = null
  const listen = async (port = 0) => {
    server = net.createServer((client) => {
      client.on('error', () => {})
      if (mode === 'dropping') return client.destroy()
      const upstream = net.connect(target.port, target.host)
      upstream.on('error', () => client.destroy())
      for (const s of [client, upstream]) {
        open.add(s)
        s.on('close', () => open.delete(s))
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve))
    return (server.address() as net.AddressInfo).port
  }
  const cut = () => {
    for (const s of open) s.destroy()
  }
  const port = await listen()
  return {
    port,
    async set(next: 'up' | 'dropping' | 'refusing') {
      cut()
      if (next === 'refusing') {
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
        server = null
        return
      }
      mode = next
      if (!server) await listen(port)
    },
    async close() {
      cut()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    },
  }
}

const NAVIGATIONS = new Set(['GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback'])
const ssoError = (location: unknown) => new URL(String(location), 'http://app').searchParams.get('sso_error') ?? `no sso_error in ${String(location)}`

describe.skipIf(!usingPostgres())('a database that stops answering', () => {
  let database: TestDatabase
  let relay: Awaited<ReturnType<typeof startRelay>>
  let t: TestApp
  let cookie: string
  let sessionId: string

  beforeAll(async () => {
    database = await createTestDatabase()
    const url = new URL(database.env.DATABASE_URL!)
    relay = await startRelay({ host: url.hostname, port: Number(url.port || 5432) })
    url.hostname = '127.0.0.1'
    url.port = String(relay.port)
    t = await buildTestApp({ DATABASE_URL: url.toString() }, { database })
    cookie = await t.login('jamie')
    sessionId = (await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie }, payload: {} })).json().session.id
  })
  afterAll(async () => {
    await t?.close()
    await relay?.close()
    await database?.drop()
  })

  /** Every API route, with ids and bodies it would accept, so only the database can fail it. */
  function everyRequest() {
    const bodies: Record<string, unknown> = {
      'POST /api/auth/login': { email: DEMO_USERS.jamie.email, password: DEMO_PASSWORD },
      'POST /api/sessions/:id/messages': { content: 'Still offline?' },
      'PATCH /api/sessions/:id/tasks/:taskId': { status: 'done' },
      'PATCH /api/sessions/:id': { title: 'Renamed' },
      'POST /api/handoffs/:id/claim': { option: 'continue' },
      'POST /api/setup': { organization_name: 'Initech IT', name: 'Pat Admin', email: 'pat@initech.example', password: 'a long enough passphrase' },
      'POST /api/invitations/:token/accept': { name: 'Pat Engineer', password: 'a long enough passphrase' },
      'POST /api/password-resets/:token': { new_password: 'a long enough passphrase' },
    }
    return t.routes
      .filter((r) => r.url.startsWith('/api/') || r.url === '/healthz')
      .map((r) => {
        const key = `${r.method} ${r.url}`
        const url = r.url.replace(/:[a-zA-Z]+/g, sessionId) + (key === 'GET /api/auth/oidc/start' ? '?organization=acme-msp' : '')
        const payload = bodies[key] ?? (r.method === 'GET' ? undefined : {})
        return { key, method: r.method as 'GET', url, payload }
      })
  }

  it.each(['refusing', 'dropping'] as const)(
    'answers 503 DATABASE_UNREACHABLE on every endpoint while the server is %s connections, then recovers',
    async (mode) => {
      // A sign-in this replica has not resolved yet: its every request needs the database.
      // (One resolved in the last 10 s is cached; see the next test.)
      const fresh = await t.login('jamie')
      await relay.set(mode)
      const requests = everyRequest()
      expect(requests.length).toBeGreaterThan(15)
      const answers: Record<string, { status: number; code: string }> = {}
      for (const r of requests) {
        const res = await t.app.inject({ method: r.method, url: r.url, headers: { cookie: fresh }, ...(r.payload !== undefined && { payload: r.payload }) })
        answers[r.key] = NAVIGATIONS.has(r.key) ? { status: res.statusCode, code: ssoError(res.headers.location) } : { status: res.statusCode, code: ErrorResponseSchema.parse(res.json()).code }
      }
      // Single sign-on's steps are browser navigations: they go back to the login page, which
      // explains. The callback without its flow cookie fails before it asks the database.
      const navigations = { 'GET /api/auth/oidc/start': 'DATABASE_UNREACHABLE', 'GET /api/auth/oidc/callback': 'SSO_FAILED' }
      for (const [key, code] of Object.entries(navigations)) expect(answers[key]).toEqual({ status: 302, code })
      const expected = Object.fromEntries(
        requests.map((r) => [r.key, NAVIGATIONS.has(r.key) ? answers[r.key] : { status: 503, code: 'DATABASE_UNREACHABLE' }]),
      )
      expect(answers).toEqual(expected)

      await relay.set('up')
      const back = await t.app.inject({ url: '/api/sessions', headers: { cookie: fresh } })
      expect(back.statusCode).toBe(200)
    },
  )

  it('answers a cached sign-in what needs no database, and 503 for what does, never a 500', async () => {
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200)
    await relay.set('refusing')
    try {
      const statuses: Record<string, number> = {}
      // The event stream opens and stays open (it reads the outbox again once the database is back).
      for (const r of everyRequest().filter((r) => !NAVIGATIONS.has(r.key) && r.key !== 'GET /api/events')) {
        const res = await t.app.inject({ method: r.method, url: r.url, headers: { cookie }, ...(r.payload !== undefined && { payload: r.payload }) })
        statuses[r.key] = res.statusCode
        if (res.statusCode < 400) continue
        // Our error contract either way; a 503 says why.
        const { code } = ErrorResponseSchema.parse(res.json())
        if (res.statusCode === 503) expect(code).toBe('DATABASE_UNREACHABLE')
      }
      expect(Object.entries(statuses).filter(([, status]) => status >= 500 && status !== 503)).toEqual([])
      expect(statuses['GET /api/me']).toBe(200)
      expect(statuses['GET /api/sessions']).toBe(503)
    } finally {
      await relay.set('up')
    }
  })
})
