import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import app, { serverOptions } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'

export interface TestApp {
  app: FastifyInstance
  config: Config
  /** Every route the app registered (method, url, whether it is public). */
  routes: Array<{ method: string; url: string; public: boolean }>
  /** Cookie header of a signed-in demo user. */
  login(user: keyof typeof DEMO_USERS): Promise<string>
  close(): Promise<void>
}

/**
 * The real app (the same plugin server.ts boots) on a fresh database seeded with the demo
 * data. `env` overrides configuration, e.g. OPENAI_* to point at the fake OpenAI server.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  /** Reuse a database across app instances (restarts); the caller drops it. */
  shared?: { database: TestDatabase },
): Promise<TestApp> {
  const database = shared?.database ?? (await createTestDatabase())
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'true',
    WEB_DIST_DIR: '/nonexistent',
    ASSESSMENT_BACKOFF_MS: '10',
    OFFLINE_STREAM_DELAY_MS: '0',
    // CI's second pass runs the suite on the Redis bus.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...database.env,
    ...env,
  })
  const fastify = Fastify({ ...serverOptions(config), logger: { level: config.logLevel } })
  const routes: TestApp['routes'] = []
  fastify.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: r.url, public: Boolean((r.config as { public?: boolean })?.public) })
    }
  })
  // Unencapsulated, so tests can reach the decorators (db, bus, jobs) from the root.
  await fastify.register(fp(app), { config })
  await fastify.ready()
  // The demo data holds a pending assessment: let its job finish before the test starts.
  await fastify.jobs.idle()

  return {
    app: fastify,
    config,
    routes,
    async login(user) {
      const res = await fastify.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: DEMO_USERS[user].email, password: DEMO_PASSWORD },
      })
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`)
      const cookie = res.cookies.find((c) => c.name === 'rf_session')
      if (!cookie) throw new Error('login set no session cookie')
      return `rf_session=${cookie.value}`
    },
    async close() {
      await fastify.close()
      if (!shared) await database.drop()
    },
  }
}
