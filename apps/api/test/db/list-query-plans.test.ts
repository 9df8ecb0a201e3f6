import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrismaClient } from '../../src/generated/prisma/client.ts'
import { authUserInclude, toAuthUser, type AuthUser } from '../../src/services/auth/auth-user.ts'
import { listHandoffs } from '../../src/services/handoffs/list-handoffs.ts'
import { escalationMetrics } from '../../src/services/metrics/escalation-metrics.ts'
import { listNotifications } from '../../src/services/notifications/notifications.ts'
import { listSessions } from '../../src/services/sessions/list-sessions.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { usingPostgres } from '../support/test-database.ts'

/**
 * Every list the app shows reads through an index, so its cost does not grow with history:
 * on a database with two years of escalations, the plans of the queries behind the sidebar,
 * the senior's queue, the bell and the metrics period have no sequential scan of the big
 * tables. The queries are the ones the operations really send (recorded from Prisma), each
 * EXPLAINed with its own parameters, and, as the app prepares its statements and Postgres may
 * switch one to its generic plan after five runs, also as a prepared statement forced onto
 * that generic plan (not the metrics: they are planned per call, see escalation-metrics.ts).
 * Postgres only: PGlite plans the same, but tests there would mostly measure the seeding.
 */
const HISTORY = 20_000
const BIG_TABLES = ['Handoff', 'ChatSession', 'Notification', 'Event']

describe.skipIf(!usingPostgres())('list queries on a database with history', () => {
  let t: TestApp
  let pool: pg.Pool
  let recorder: PrismaClient
  const recorded: Array<{ query: string; params: unknown[] }> = []

  beforeAll(async () => {
    t = await buildTestApp()
    const url = t.config.database.driver === 'postgres' ? t.config.database.url : ''
    pool = new pg.Pool({ connectionString: url, max: 2 })
    // Two years of other people's escalations in both organizations, and a senior's old, read notifications.
    await pool.query(`
      WITH orgs AS (SELECT id, row_number() OVER (ORDER BY slug) AS n FROM "Organization")
      INSERT INTO "User" (id, "organizationId", email, name, role, "passwordHash")
      SELECT 'history-' || n, id, 'history-' || n || '@example.com', 'Former senior ' || n, 'senior', 'x' FROM orgs`)
    await pool.query(`
      INSERT INTO "ChatSession" (id, "organizationId", "createdById", title, "createdAt", "lastActivityAt")
      SELECT 'hs-' || g, u."organizationId", u.id, 'History ' || g, now() - g * interval '50 minutes', now() - g * interval '50 minutes'
      FROM generate_series(1, $1::int) g JOIN "User" u ON u.id = 'history-' || (1 + g % 2)`, [HISTORY])
    await pool.query(`
      INSERT INTO "Handoff" (id, "organizationId", "sessionId", "handedOffById", status, "createdAt", "claimedById", "claimedAt", "claimOption", "assessmentStatus", "assessedAt")
      SELECT 'hh-' || s.id, s."organizationId", s.id, s."createdById", 'claimed', s."createdAt", s."createdById",
             s."createdAt" + interval '4 minutes', 'continue', 'ready', s."createdAt" + interval '20 seconds'
      FROM "ChatSession" s WHERE s.id LIKE 'hs-%'`)
    await pool.query(`
      INSERT INTO "Notification" (id, "organizationId", "userId", "sessionId", kind, title, body, "readAt", "createdAt")
      SELECT 'hn-' || h.id || '-' || u.id, h."organizationId", u.id, h."sessionId", 'handoff_created', 'Escalated', 'History', h."createdAt", h."createdAt"
      FROM "Handoff" h JOIN "User" u ON u."organizationId" = h."organizationId" AND u.role <> 'engineer' AND u.id NOT LIKE 'history-%'
      WHERE h.id LIKE 'hh-%'`)
    await pool.query('ANALYZE')

    const logging = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: 'event' as const, level: 'query' as const }] })
    logging.$on('query', (e) => recorded.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }))
    recorder = logging as unknown as PrismaClient
  }, 120_000)
  afterAll(async () => {
    await recorder?.$disconnect()
    await pool?.end()
    await t?.close()
  })

  const userOf = async (email: string): Promise<AuthUser> =>
    toAuthUser(await t.app.db.prisma.user.findUniqueOrThrow({ where: { email }, include: authUserInclude }))

  type Plan = { 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }

  /** The sequential scans of big tables in the plans of what `run` sends (custom and, unless `generic` is false, generic plans). */
  async function seqScansOf(run: () => Promise<unknown>, { generic = true } = {}) {
    recorded.length = 0
    await run()
    const found: string[] = []
    const visit = (node: Record<string, unknown>, query: string, kind: string) => {
      if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(node['Relation Name'] as string)) found.push(`${node['Relation Name']} (${kind} plan) in: ${query}`)
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child, query, kind)
    }
    const client = await pool.connect()
    try {
      for (const { query, params } of recorded.filter((r) => /^\s*SELECT/i.test(r.query))) {
        const [custom] = (await client.query(`EXPLAIN (FORMAT JSON) ${query}`, params)).rows as [Plan]
        visit(custom['QUERY PLAN'][0].Plan, query, 'custom')
        if (!generic || params.length === 0) continue
        try {
          await client.query(`PREPARE listed AS ${query}`)
          await client.query('SET plan_cache_mode = force_generic_plan')
          // EXECUTE takes its arguments as SQL, not as bound parameters: untyped literals, which
          // take the prepared statement's parameter types.
          const literal = (v: unknown) => client.escapeLiteral(Array.isArray(v) ? `{${v.map((x) => JSON.stringify(String(x))).join(',')}}` : String(v))
          const [plan] = (await client.query(`EXPLAIN (FORMAT JSON) EXECUTE listed(${params.map(literal).join(', ')})`)).rows as [Plan]
          visit(plan['QUERY PLAN'][0].Plan, query, 'generic')
        } finally {
          await client.query('RESET plan_cache_mode; DEALLOCATE ALL')
        }
      }
    } finally {
      client.release()
    }
    expect(recorded.length).toBeGreaterThan(0)
    return found
  }

  it('the sidebar of an admin with no sessions of their own', async () => {
    const morgan = await userOf('teamadmin@resolutionflow.example.com')
    expect(await seqScansOf(() => listSessions({ prisma: recorder }, { user: morgan }))).toEqual([])
  })

  it("the sidebar of a senior, with the sessions they picked up", async () => {
    const sam = await userOf('senior@resolutionflow.example.com')
    expect(await seqScansOf(() => listSessions({ prisma: recorder }, { user: sam }))).toEqual([])
  })

  it("the senior's queue of pending escalations", async () => {
    const sam = await userOf('senior@resolutionflow.example.com')
    expect(await seqScansOf(() => listHandoffs({ prisma: recorder }, { user: sam, status: 'pending' }))).toEqual([])
  })

  it('the bell, with the unread count', async () => {
    const sam = await userOf('senior@resolutionflow.example.com')
    expect(await seqScansOf(() => listNotifications({ prisma: recorder }, { user: sam }))).toEqual([])
  })

  it("the team metrics' period", async () => {
    const morgan = await userOf('teamadmin@resolutionflow.example.com')
    expect(await seqScansOf(() => escalationMetrics({ prisma: recorder, driver: 'postgres' }, { user: morgan }), { generic: false })).toEqual([])
  })

  it("the team metrics' figures of a stretch, read from its rows (metrics_figures)", async () => {
    // The function's body is a query of its own: EXPLAINed here as a statement prepared from its text.
    const morgan = await userOf('teamadmin@resolutionflow.example.com')
    const [fn] = (await pool.query<{ body: string }>(`SELECT prosrc AS body FROM pg_proc WHERE proname = 'metrics_figures'`)).rows
    const client = await pool.connect()
    try {
      await client.query(`PREPARE figures(text, timestamp, timestamp) AS ${fn!.body}`)
      const found: string[] = []
      const visit = (node: Record<string, unknown>) => {
        if (node['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(node['Relation Name'] as string)) found.push(node['Relation Name'] as string)
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child)
      }
      const day = Date.now() - 24 * 60 * 60 * 1000
      for (const [from, to] of [[day - 60 * 60 * 1000, day], [day, Date.now()]]) {
        const args = [morgan.organizationId, new Date(from!).toISOString(), new Date(to!).toISOString()].map((v) => client.escapeLiteral(v))
        const [plan] = (await client.query(`EXPLAIN (FORMAT JSON) EXECUTE figures(${args.join(', ')})`)).rows as [Plan]
        visit(plan['QUERY PLAN'][0].Plan)
      }
      expect(found).toEqual([])
    } finally {
      await client.query('DEALLOCATE ALL')
      client.release()
    }
  })
})
