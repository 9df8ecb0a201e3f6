import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { sessionCookie, STRONG_PASSWORD } from '../support/team.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ SEED_DEMO: 'false' })
})
afterAll(() => t?.close())

const setup = (payload: object) => t.app.inject({ method: 'POST', url: '/api/setup', payload })
const valid = { organization_name: 'Northwind Support', name: 'Riley Admin', email: 'Riley@Northwind.example', password: STRONG_PASSWORD }

describe('first-run setup', () => {
  it('is needed on a database without organizations', async () => {
    const res = await t.app.inject({ url: '/api/setup' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ needed: true, demo_accounts: false })
  })

  it('refuses bad input with 400 naming the fields, and writes nothing', async () => {
    const res = await setup({ organization_name: '  ', email: 'nope' })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('VALIDATION_FAILED')
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['body.organization_name', 'body.name', 'body.email', 'body.password']),
    )
    const weak = await setup({ ...valid, password: 'short' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', message: expect.stringContaining('password') })
    expect(await t.app.db.prisma.organization.count()).toBe(0)
    expect(await t.app.db.prisma.user.count()).toBe(0)
  })

  it('creates the organization and its admin, signed in; works once (two at once: one wins, the other 409)', async () => {
    const [a, b] = await Promise.all([setup(valid), setup({ ...valid, organization_name: 'Second', email: 'other@northwind.example' })])
    const statuses = [a.statusCode, b.statusCode].sort()
    expect(statuses).toEqual([201, 409])
    const won = a.statusCode === 201 ? a : b
    const lost = a.statusCode === 201 ? b : a
    expect(lost.json()).toEqual({ code: 'SETUP_DONE', message: expect.any(String) })
    expect(won.json().user).toMatchObject({ role: 'admin', organization: { name: expect.any(String) } })
    expect(await t.app.db.prisma.organization.count()).toBe(1)
    expect(await t.app.db.prisma.user.count()).toBe(1)

    const me = await t.app.inject({ url: '/api/me', headers: { cookie: sessionCookie(won)! } })
    expect(me.statusCode).toBe(200)
    expect(me.json().user.role).toBe('admin')

    const again = await setup({ ...valid, email: 'third@northwind.example' })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('SETUP_DONE')
    expect((await t.app.inject({ url: '/api/setup' })).json()).toEqual({ needed: false, demo_accounts: false })
    const audit = await t.app.db.prisma.auditEntry.findMany()
    expect(audit.map((e) => e.action)).toEqual(['organization.created'])
  })

  it('gives the organization a slug for its SSO link', async () => {
    const org = await t.app.db.prisma.organization.findFirstOrThrow()
    expect(org.slug).toMatch(/^[a-z0-9-]+$/)
  })
})
