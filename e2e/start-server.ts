/**
 * The server the browser tests run against: the real app, built SPA included, on a fresh
 * database seeded with the demo data. With DATABASE_URL (CI's Postgres pass) it creates
 * a throwaway database on that server and drops it on exit; otherwise an in-memory PGlite.
 */
import { configOrExit, startServer } from '../apps/api/src/server.ts'
import { createTestDatabase } from '../apps/api/test/support/test-database.ts'

const database = await createTestDatabase()
Object.assign(process.env, database.env)
// The demo data, unless a test starts a server of its own without it (first-run setup).
process.env.SEED_DEMO ??= 'true'
process.env.PORT ??= '8123'
process.env.LOG_LEVEL ??= 'warn'
// Visible streaming in the browser, still quick.
process.env.OFFLINE_STREAM_DELAY_MS ??= '5'
// Every browser test signs its people in from 127.0.0.1, dozens of times a minute: the
// per-IP login limit (10 a minute) guards real users, not this suite.
process.env.LOGIN_RATE_LIMIT ??= '1000'

await startServer(configOrExit(), { afterClose: () => database.drop() })
