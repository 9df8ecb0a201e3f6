import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface TestDatabase {
  /** Environment for loadConfig: a fresh Postgres database, or an in-memory PGlite. */
  env: Record<string, string>
  drop(): Promise<void>
}

/**
 * With DATABASE_URL set (CI's Postgres pass), each call creates a fresh database on that
 * server so test files never share rows; otherwise the app gets its own in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return { env: { DATA_DIR: 'memory://' }, drop: async () => {} }

  const name = `rf_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await c.end()
    },
  }
}

export const usingPostgres = () => Boolean(process.env.DATABASE_URL)
