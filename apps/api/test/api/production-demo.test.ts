import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp } from '../support/app.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'

const run = promisify(execFile)
const apiDir = path.resolve(import.meta.dirname, '../..')
const SECRET = 'a-production-secret-of-at-least-32-characters'
const production = { NODE_ENV: 'production', SESSION_SECRET: SECRET, SEED_DEMO: '' }

/** A database that outlives one app: a Postgres database, or an embedded one in a folder. */
async function durableDatabase(): Promise<TestDatabase> {
  if (usingPostgres()) return createTestDatabase()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-prod-'))
  return { env: { DATA_DIR: dir }, drop: () => fs.rm(dir, { recursive: true, force: true }) }
}

describe('demo data in production', () => {
  it('is never seeded by default in production, on either database', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).seedDemo).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://h/db' }).seedDemo).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, SEED_DEMO: 'true' }).seedDemo).toBe(true)
    // Development keeps the one-command demo.
    expect(loadConfig({}).seedDemo).toBe(true)
  })

  it('a production start on a new database has no demo accounts to sign in to', async () => {
    const t = await buildTestApp(production)
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: DEMO_USERS.morgan.email, password: DEMO_PASSWORD },
      })
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' })
      expect(await t.app.db.prisma.user.count()).toBe(0)
      expect(await t.app.db.prisma.organization.count()).toBe(0)
    } finally {
      await t.close()
    }
  })

  describe('a production database that already holds the demo accounts', () => {
    let database: TestDatabase
    beforeAll(async () => {
      database = await durableDatabase()
      // A first start in development seeded it.
      const dev = await buildTestApp({}, { database })
      await dev.close()
    })
    afterAll(() => database?.drop())

    it('refuses to boot the app, naming the accounts and the switch', async () => {
      const err = await buildTestApp(production, { database }).then(
        (t) => t.close().then(() => null),
        (e: Error) => e,
      )
      expect(err?.name).toBe('DemoDataInProductionError')
      expect(err?.message).toMatch(/Refusing to start/)
      expect(err?.message).toContain(DEMO_USERS.morgan.email)
      expect(err?.message).toContain('SEED_DEMO=true')
    })

    it('stops the server process with that message (exit 1, port never opened)', async () => {
      const failed = await run(path.join(apiDir, 'node_modules/.bin/tsx'), ['src/server.ts'], {
        cwd: apiDir,
        env: { ...process.env, ...production, DATABASE_URL: '', DATA_DIR: '', ...database.env, PORT: '0', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' },
        timeout: 60_000,
      }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      )
      expect(failed).not.toBeNull()
      expect(failed!.code).toBe(1)
      expect(failed!.stderr).toContain('Refusing to start: this production database holds demo accounts')
    }, 60_000)

    it('starts when SEED_DEMO=true says this production is a demo', async () => {
      const t = await buildTestApp({ ...production, SEED_DEMO: 'true' }, { database })
      try {
        expect(await t.login('morgan')).toMatch(/^rf_session=/)
      } finally {
        await t.close()
      }
    })
  })
})
