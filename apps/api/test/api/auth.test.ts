import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ LOGIN_RATE_LIMIT: '20' })
})
afterAll(() => t?.close())

const login = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip })

describe('POST /api/auth/login', () => {
  it('signs a demo user in with an httpOnly, SameSite session cookie', async () => {
    const res = await login(DEMO_USERS.morgan.email, DEMO_PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      user: {
        id: expect.any(String),
        email: 'teamadmin@resolutionflow.example.com',
        name: 'Morgan Lee',
        role: 'admin',
        organization: { id: expect.any(String), name: 'Acme MSP' },
      },
    })
    const cookie = res.cookies.find((c) => c.name === 'rf_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    const rows = await t.app.db.prisma.authSession.count({ where: { user: { email: DEMO_USERS.morgan.email } } })
    expect(rows).toBeGreaterThanOrEqual(1)
  })

  it('accepts the email in any case and with surrounding spaces', async () => {
    const res = await login('  Senior@ResolutionFlow.example.com ', DEMO_PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json().user.name).toBe('Sam Patel')
  })

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await login(DEMO_USERS.jamie.email, 'not-the-password')
    const unknown = await login('nobody@resolutionflow.example.com', DEMO_PASSWORD)
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Incorrect email or password' })
      expect(res.cookies.find((c) => c.name === 'rf_session')).toBeUndefined()
    }
  })

  it('rejects a malformed body with 400 VALIDATION_FAILED naming the fields', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email' } })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.code).toBe('VALIDATION_FAILED')
    expect(body.message).toContain('email')
    expect(body.message).toContain('password')
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['body.email', 'body.password']))
  })

  it('rejects invalid JSON with a 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String) })
  })
})

describe('sessions', () => {
  it('GET /api/me returns the signed-in user; logout revokes the session', async () => {
    const cookie = await t.login('jamie')
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } })
    expect(me.statusCode).toBe(200)
    expect(me.json().user).toMatchObject({ name: 'Jamie Rivera', role: 'engineer', organization: { name: 'Acme MSP' } })

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })
    expect(out.statusCode).toBe(204)
    const after = await t.app.inject({ url: '/api/me', headers: { cookie } })
    expect(after.statusCode).toBe(401)
    expect(after.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in to continue' })
  })

  it('rejects a forged cookie', async () => {
    const res = await t.app.inject({ url: '/api/me', headers: { cookie: 'rf_session=forged.value' } })
    expect(res.statusCode).toBe(401)
  })

  it('rejects an expired session', async () => {
    const cookie = await t.login('sam')
    await t.app.db.prisma.authSession.updateMany({
      where: { user: { email: DEMO_USERS.sam.email } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const res = await t.app.inject({ url: '/api/me', headers: { cookie } })
    expect(res.statusCode).toBe(401)
  })
  it('never trusts a resolved sign-in past its expiry', async () => {
    const cookie = await t.login('sam')
    const expiresAt = new Date(Date.now() + 2_000)
    await t.app.db.prisma.authSession.updateMany({ where: { user: { email: DEMO_USERS.sam.email } }, data: { expiresAt } })
    expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200)
    // Only the clock moves on: within the cache's 10 s, but past the sign-in's own expiry.
    vi.useFakeTimers({ toFake: ['Date'], now: expiresAt.getTime() + 1 })
    try {
      expect((await t.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('every protected route', () => {
  it('answers 401 UNAUTHENTICATED without a session', async () => {
    const protectedRoutes = t.routes.filter((r) => r.url.startsWith('/api/') && !r.public)
    expect(protectedRoutes.length).toBeGreaterThan(2)
    for (const { method, url } of protectedRoutes) {
      const res = await t.app.inject({ method: method as 'GET', url: url.replaceAll(/:(\w+)/g, 'x'), payload: {} })
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 401 })
      expect(res.json().code).toBe('UNAUTHENTICATED')
    }
  })
})

describe('errors', () => {
  it('answers an unknown /api route with a JSON 404', async () => {
    const res = await t.app.inject({ url: '/api/nope' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: 'No route for GET /api/nope' })
  })

  it('refuses a body over the limit with 413 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@b.co', password: 'x'.repeat(t.config.bodyLimit + 10) },
    })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
  })
})

describe('rate limit', () => {
  it('limits sign-in attempts per client with 429 RATE_LIMITED', async () => {
    const ip = '10.9.9.9'
    const statuses: number[] = []
    // A different (unknown) account each time, so the per-account lock-out stays out of it.
    for (let i = 0; i < t.config.loginRateLimit + 1; i++) statuses.push((await login(`guess-${i}@example.com`, 'wrong', ip)).statusCode)
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true)
    const limited = await login(DEMO_USERS.jamie.email, DEMO_PASSWORD, ip)
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('Too many sign-in attempts') })
    // Another client is not affected.
    expect((await login(DEMO_USERS.jamie.email, DEMO_PASSWORD, '10.9.9.10')).statusCode).toBe(200)
  })
})
