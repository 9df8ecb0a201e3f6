import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'

const run = promisify(execFile)
const apiDir = path.resolve(import.meta.dirname, '../..')
const DEMO_EMAILS = [
  'admin@globex.example.com',
  'engineer@globex.example.com',
  'engineer@resolutionflow.example.com',
  'senior@resolutionflow.example.com',
  'teamadmin@resolutionflow.example.com',
]

const cleanup: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const step of cleanup.reverse()) await step()
})

/** The app as `start` boots it: SEED_DEMO left to its default. */
async function bootWithDefaults(database: TestDatabase): Promise<TestApp> {
  const t = await buildTestApp({ SEED_DEMO: '' }, { database })
  cleanup.push(() => t.close())
  return t
}

const emails = async (t: TestApp) => (await t.app.db.prisma.user.findMany({ orderBy: { email: 'asc' } })).map((u) => u.email)

describe.skipIf(usingPostgres())('demo data on the embedded database', () => {
  it('is seeded on first start, with an escalated session waiting', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase()
    const t = await bootWithDefaults(database)
    expect(await emails(t)).toEqual(DEMO_EMAILS)
    expect(await t.app.db.prisma.handoff.count({ where: { status: 'pending' } })).toBe(1)

    // A month of history: the waiting printer escalation finds the resolved one like it,
    // its assessment cites it, and the team metrics have resolutions to show.
    const pending = await t.app.db.prisma.handoff.findFirstOrThrow({ where: { status: 'pending' } })
    const sam = await t.login('sam')
    const similar = (await t.app.inject({ url: `/api/handoffs/${pending.id}/similar`, headers: { cookie: sam } })).json().sessions
    expect(similar[0]).toMatchObject({ title: 'Front desk printer offline at Harbor Legal', resolution_note: expect.stringContaining('SNMP') })
    const handoff = (await t.app.inject({ url: `/api/handoffs/${pending.id}`, headers: { cookie: sam } })).json()
    expect(handoff.ai_assessment_data.likely_cause).toContain('Front desk printer offline at Harbor Legal')
    const metrics = (await t.app.inject({ url: '/api/metrics/escalations', headers: { cookie: await t.login('morgan') } })).json()
    expect(metrics.resolved).toBeGreaterThan(20)
    expect(metrics.time_to_resolve_seconds.median).toBeGreaterThan(0)
    expect(metrics.cancelled).toBeGreaterThan(0)
    expect(metrics.declines.total).toBeGreaterThan(0)
    expect(metrics.assessment_feedback.usefulness_rate).toBeGreaterThan(0)
    expect(metrics.root_causes.length).toBeGreaterThan(3)
  })
})

describe.skipIf(!usingPostgres())('demo data on a Postgres server', () => {
  it('is never written at start unless asked; the seed command writes it once', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase()
    cleanup.push(() => database.drop())
    const t = await bootWithDefaults(database)
    expect(await emails(t)).toEqual([])

    const seed = () => run('npx', ['tsx', 'src/scripts/seed.ts'], { cwd: apiDir, env: { ...process.env, ...database.env, LOG_LEVEL: 'silent' } })
    expect((await seed()).stdout).toContain('Demo data seeded')
    expect(await emails(t)).toEqual(DEMO_EMAILS)
    expect((await seed()).stdout).toContain('nothing seeded')
    expect(await t.app.db.prisma.user.count()).toBe(DEMO_EMAILS.length)
  })
})
