import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

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
