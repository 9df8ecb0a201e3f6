/**
 * The server the browser tests run against: the real app, built SPA included, on a fresh
 * database seeded with the demo data. With DATABASE_URL (CI's Postgres pass) it creates
 * a throwaway database on that server and drops it on exit; otherwise an in-memory PGlite.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

const serverUrl = process.env.DATABASE_URL
let drop: (() => Promise<void>) | undefined
if (serverUrl) {
  const name = `rf_e2e_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  process.env.DATABASE_URL = url.toString()
  drop = async () => {
    const c = new pg.Client({ connectionString: serverUrl })
    await c.connect()
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await c.end()
  }
} else {
  process.env.DATA_DIR = 'memory://'
}
process.env.SEED_DEMO = 'true'
process.env.PORT ??= '8123'
process.env.LOG_LEVEL ??= 'warn'
// Visible streaming in the browser, still quick.
process.env.OFFLINE_STREAM_DELAY_MS ??= '5'

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void drop?.().finally(() => process.exit(0))
  })
}
await import('../apps/api/src/server.ts')
