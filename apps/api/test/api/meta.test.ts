import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { usingPostgres } from '../support/test-database.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t?.close())

describe('GET /healthz', () => {
  it("reports the database's state without a session", async () => {
    const res = await t.app.inject({ url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      status: 'ok',
      database: 'ok',
      driver: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      bus: process.env.REDIS_URL ? 'redis' : 'memory',
      assistant: 'offline',
    })
  })
})

describe('GET /healthz when the database is gone', () => {
  it('answers 503 DATABASE_UNREACHABLE, so a load balancer takes the replica out', async () => {
    const broken = await buildTestApp()
    try {
      await broken.app.db.close()
      const res = await broken.app.inject({ url: '/healthz' })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toEqual({ code: 'DATABASE_UNREACHABLE', message: 'The database does not answer' })
    } finally {
      await broken.close()
    }
  })
})

describe.skipIf(!usingPostgres())('on a Postgres server', () => {
  it('keeps serving after the server drops its idle connections (a restart or failover)', async () => {
    await t.app.inject({ url: '/healthz' })
    const dbName = new URL(t.config.database.driver === 'postgres' ? t.config.database.url : '').pathname.slice(1)
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await admin.connect()
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [dbName],
    )
    await admin.end()
    expect(rowCount).toBeGreaterThan(0)

    const res = await t.app.inject({ url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' })
  })
})

describe('GET /docs', () => {
  it('serves the OpenAPI document generated from the routes, the wire contract included', async () => {
    const res = await t.app.inject({ url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/sessions/{id}/handoffs', '/api/handoffs/{id}/claim', '/api/events', '/healthz']),
    )
    const claim = doc.paths['/api/handoffs/{id}/claim'].post
    expect(Object.keys(claim.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '409']))
    expect(JSON.stringify(claim.requestBody)).toContain('ai_analysis')
    expect((await t.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400)
  })
})

describe('GET /api/assistant', () => {
  it('names the offline assistant so the UI can label it', async () => {
    const res = await t.app.inject({ url: '/api/assistant', headers: { cookie: await t.login('jamie') } })
    expect(res.json()).toEqual({ kind: 'offline', label: 'Offline assistant' })
  })
})

describe('GET /docs in production', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-characters', SEED_DEMO: 'false' }

  it('is not served unless DOCS_ENABLED=true', async () => {
    const closed = await buildTestApp(production)
    try {
      for (const url of ['/docs', '/docs/json', '/docs/static/index.html']) {
        const res = await closed.app.inject({ url })
        expect(res.statusCode, url).toBe(404)
        expect(res.json()).toMatchObject({ code: 'NOT_FOUND' })
      }
    } finally {
      await closed.close()
    }
    const open = await buildTestApp({ ...production, DOCS_ENABLED: 'true' })
    try {
      expect((await open.app.inject({ url: '/docs/json' })).statusCode).toBe(200)
    } finally {
      await open.close()
    }
  })
})
