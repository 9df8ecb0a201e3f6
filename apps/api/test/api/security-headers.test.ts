import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

const webDist = path.resolve(import.meta.dirname, '../../../web/dist')
const SECRET = 'a-production-secret-of-at-least-32-characters'

function directives(csp: string) {
  return Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))
}

describe('security headers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ TRUST_PROXY: 'true' })
  })
  afterAll(() => t?.close())

  it.each(['/healthz', '/api/me', '/api/no-such-route', '/chat/some-session'])('are on every answer: %s', async (url) => {
    const res = await t.app.inject({ url })
    const csp = directives(String(res.headers['content-security-policy']))
    expect(csp).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
    })
    // No inline or eval'd script, ever.
    expect(csp['script-src']).not.toContain("'unsafe-inline'")
    expect(csp['script-src']).not.toContain("'unsafe-eval'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin')
    // Plain http: HSTS would mean nothing and is not sent.
    expect(res.headers['strict-transport-security']).toBeUndefined()
  })

  it('add HSTS when the request came over TLS through a trusted proxy', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } })
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=31536000; includeSubDomains$/)
  })

  it('do not believe X-Forwarded-Proto from a client when no proxy is trusted', async () => {
    const direct = await buildTestApp()
    try {
      const res = await direct.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } })
      expect(res.headers['strict-transport-security']).toBeUndefined()
    } finally {
      await direct.close()
    }
  })

  it('always add HSTS in production (served behind TLS)', async () => {
    const prod = await buildTestApp({ NODE_ENV: 'production', SESSION_SECRET: SECRET, SEED_DEMO: 'false' })
    try {
      const res = await prod.app.inject({ url: '/healthz' })
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    } finally {
      await prod.close()
    }
  })
})

describe.skipIf(!fs.existsSync(path.join(webDist, 'index.html')))('the built web app under that policy', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ WEB_DIST_DIR: webDist })
  })
  afterAll(() => t?.close())

  it('has no inline script or style in its index.html, so the CSP needs no hash for it', async () => {
    const res = await t.app.inject({ url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
    const html = res.body
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/assets\//)
      expect(body!.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/javascript:/i)
  })
})
