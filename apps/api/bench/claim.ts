/**
 * Claim throughput and latency at concurrency 64 and 16 on Postgres, next to a bare ceiling
 * measured in the same run: a `node:http` + `pg` server doing only the claim's conditional
 * UPDATE. Each claim is on a fresh pending handoff (inserted by SQL before its round, not
 * timed). Rounds alternate ours / bare (and which goes first), so both see the same load;
 * the figure to read is the ratio. Both servers run in their own processes.
 * Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/claim.ts
 *      (BENCH_ROUNDS=4 rounds per concurrency, BENCH_PER_WORKER=8 claims per worker and round)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { DEMO_PASSWORD } from '../src/db/seed-demo.ts'
import { machine, percentile } from './support.ts'

const CLAIM_SQL = `UPDATE "Handoff" SET "status" = 'claimed', "claimedById" = $1, "claimedAt" = now(), "claimOption" = 'continue'
  WHERE "id" = $2 AND "status" = 'pending' RETURNING "id"`

// The bare ceiling's process: one conditional UPDATE per request, nothing else.
if (process.argv[2] === 'bare') {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  http
    .createServer(async (req, res) => {
      const id = req.url!.split('/')[2]!
      const { rows } = await pool.query(CLAIM_SQL, [process.env.CLAIMER_ID, id])
      res.writeHead(rows.length ? 200 : 409, { 'content-type': 'application/json' }).end(JSON.stringify({ id }))
    })
    .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'))
} else {
  await main()
}

async function main() {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) throw new Error('claim.ts measures Postgres: set DATABASE_URL')
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4)
  const PER_WORKER = Number(process.env.BENCH_PER_WORKER ?? 8)
  const name = `rf_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const dbUrl = url.toString()
  const children: ChildProcess[] = []
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 })
  try {
    const ours = 18_900 + Math.floor(Math.random() * 400)
    const root = path.resolve(import.meta.dirname, '..')
    // BENCH_CPU_PROF=<dir> writes the app's CPU profile there (open it in Chrome's DevTools).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
    const app = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(ours), LOG_LEVEL: 'warn', SEED_DEMO: 'true', REDIS_URL: '', LOGIN_RATE_LIMIT: '1000' },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    children.push(app)
    for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 100))) {
      ready = await fetch(`http://127.0.0.1:${ours}/healthz`).then((r) => r.ok, () => false)
    }
    const login = await fetch(`http://127.0.0.1:${ours}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'senior@resolutionflow.example.com', password: DEMO_PASSWORD }),
    })
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
    const [people] = (
      await db.query<{ org: string; sam: string; jamie: string }>(
        `SELECT s."organizationId" AS org, s.id AS sam, j.id AS jamie FROM "User" s, "User" j
         WHERE s.email = 'senior@resolutionflow.example.com' AND j.email = 'engineer@resolutionflow.example.com'`,
      )
    ).rows

    const barePort = ours + 500
    const bare = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'bare'], {
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(barePort), CLAIMER_ID: people!.sam },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    children.push(bare)
    await new Promise((r) => bare.once('message', r))

    /** n pending handoffs, each on its own session (one pending handoff per session). */
    const pending = async (n: number) =>
      (
        await db.query<{ id: string }>(
          `WITH s AS (
             INSERT INTO "ChatSession" ("id", "organizationId", "createdById", "title")
             SELECT gen_random_uuid()::text, $1, $2, 'Bench claim ' || g FROM generate_series(1, $3::int) g RETURNING "id")
           INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById")
           SELECT gen_random_uuid()::text, $1, s."id", $2 FROM s RETURNING "id"`,
          [people!.org, people!.jamie, n],
        )
      ).rows.map((r) => r.id)

    const targets = {
      ours: (id: string) =>
        fetch(`http://127.0.0.1:${ours}/api/handoffs/${id}/claim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: '{"option":"continue"}',
        }),
      bare: (id: string) => fetch(`http://127.0.0.1:${barePort}/claim/${id}`, { method: 'POST' }),
    }
    type Target = keyof typeof targets

    /** One closed-loop round: `concurrency` workers claim the ids one after another. */
    async function round(target: Target, concurrency: number) {
      const ids = await pending(concurrency * PER_WORKER)
      const latencies: number[] = []
      let next = 0
      const t0 = performance.now()
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < ids.length) {
            const id = ids[next++]!
            const s = performance.now()
            const res = await targets[target](id)
            await res.arrayBuffer()
            if (res.status !== 200) throw new Error(`${target} claim answered ${res.status}`)
            latencies.push(performance.now() - s)
          }
        }),
      )
      return { seconds: (performance.now() - t0) / 1000, latencies }
    }

    // Warm both up (connections, JIT, Prisma's query cache); not counted.
    for (const target of ['ours', 'bare'] as const) await round(target, 16)

    const loads: number[] = []
    for (const concurrency of [64, 16]) {
      const results: Record<Target, { n: number; seconds: number; latencies: number[] }> = {
        ours: { n: 0, seconds: 0, latencies: [] },
        bare: { n: 0, seconds: 0, latencies: [] },
      }
      for (let r = 0; r < ROUNDS; r++) {
        const order: Target[] = r % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']
        for (const target of order) {
          const { seconds, latencies } = await round(target, concurrency)
          results[target].n += latencies.length
          results[target].seconds += seconds
          results[target].latencies.push(...latencies)
          loads.push(os.loadavg()[0]!)
        }
      }
      const line = (target: Target) => {
        const x = results[target]
        const sorted = [...x.latencies].sort((a, b) => a - b)
        return { rps: x.n / x.seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n: x.n }
      }
      const o = line('ours')
      const b = line('bare')
      const fmt = (x: typeof o) => `${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms (n=${x.n})`
      console.log(`claim at concurrency ${concurrency}, Postgres: ours ${fmt(o)} | bare conditional UPDATE ${fmt(b)}`)
      console.log(`  ratio ours/bare: throughput ${(o.rps / b.rps).toFixed(2)}x, p99 ${(o.p99 / b.p99).toFixed(1)}x the bare p99`)
    }
    console.log(`load average during the rounds (1 min): ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; machine: ${machine()}`)
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)))
    await db.end()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  }
}
