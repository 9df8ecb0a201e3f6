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
  it('is seeded on first start, with an escalated session waiting', async () => {
    const database = await createTestDatabase()
    const t = await bootWithDefaults(database)
    expect(await emails(t)).toEqual(DEMO_EMAILS)
    expect(await t.app.db.prisma.handoff.count({ where: { status: 'pending' } })).toBe(1)
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
