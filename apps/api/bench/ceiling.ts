/**
 * What a benchmark against a bare ceiling needs (bench/claim.ts, escalate-ceiling.ts, replay.ts):
 * a throwaway Postgres database, the real app and the bare server in their own processes,
 * and closed-loop rounds that alternate ours and bare so both see the same machine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { DEMO_PASSWORD } from '../src/db/seed-demo.ts'
import { machine, percentile } from './support.ts'

export interface Bench {
  dbUrl: string
  /** A pool on the throwaway database, for setting up rounds. */
  db: pg.Pool
  /** The real app (src/server.ts with demo data) on this port. */
  ours: number
  /** Starts `file` with the argument `bare` (it sends 'ready' over IPC once listening); returns its port. */
  startBare(file: string, env: Record<string, string>): Promise<number>
  login(email: string): Promise<string>
  /** The process serving `port` (ours or a bare one), for its CPU time. */
  pidOf(port: number): number
}

/** Runs `work` with a fresh database, the app on it and whatever bare servers it starts; cleans up after. */
export async function withBench(work: (bench: Bench) => Promise<void>, appEnv: Record<string, string> = {}): Promise<void> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) throw new Error('this benchmark measures Postgres: set DATABASE_URL')
  const name = `rf_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const dbUrl = url.toString()
  const children: ChildProcess[] = []
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 })
  // DROP DATABASE ... WITH (FORCE) ends this pool's idle connections: not an error here.
  db.on('error', () => {})
  try {
    const ours = 18_900 + Math.floor(Math.random() * 400)
    // BENCH_CPU_PROF=<dir> writes the app's CPU profile there (open it in Chrome's DevTools).
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []
    const app = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(ours), LOG_LEVEL: 'warn', SEED_DEMO: 'true', REDIS_URL: '', LOGIN_RATE_LIMIT: '1000', ...appEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    children.push(app)
    const pids = new Map([[ours, app.pid!]])
    for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 100))) {
      ready = await fetch(`http://127.0.0.1:${ours}/healthz`).then((r) => r.ok, () => false)
    }
    let nextPort = ours + 500
    await work({
      dbUrl,
      db,
      ours,
      async startBare(file, env) {
        const port = nextPort++
        const bare = spawn(process.execPath, ['--import', 'tsx', file, 'bare'], {
          env: { ...process.env, ...env, DATABASE_URL: dbUrl, PORT: String(port) },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        })
        children.push(bare)
        pids.set(port, bare.pid!)
        await new Promise((r) => bare.once('message', r))
        return port
      },
      pidOf: (port) => pids.get(port)!,
      async login(email) {
        const res = await fetch(`http://127.0.0.1:${ours}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
        })
        return res.headers.getSetCookie()[0]!.split(';')[0]!
      },
    })
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)))
    await db.end()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  }
}

/** Whose rows a round's inputs are: the organization and the engineer who starts the sessions. */
export interface Owner {
  org: string
  engineer: string
}

// A database in service has its statistics kept by autovacuum; a round's rows arrive faster
// than it runs, and without statistics the planner may take the claim's pending-handoff index
// over the primary key (a scan of every pending handoff per claim).
async function analyzed(db: pg.Pool, rows: { rows: Array<{ id: string }> }): Promise<string[]> {
  await db.query('ANALYZE "ChatSession", "Handoff"')
  return rows.rows.map((r) => r.id)
}

/** n sessions started by `owner.engineer`, none escalated yet (inserted by SQL, not timed). */
export const freshSessions = async (db: pg.Pool, owner: Owner, n: number, title: string) =>
  analyzed(
    db,
    await db.query<{ id: string }>(
      `INSERT INTO "ChatSession" ("id", "organizationId", "createdById", "title")
       SELECT gen_random_uuid()::text, $1, $2, $4 || ' ' || g FROM generate_series(1, $3::int) g RETURNING "id"`,
      [owner.org, owner.engineer, n, title],
    ),
  )

/** n pending handoffs escalated by `owner.engineer`, each on its own session (one pending handoff per session). */
export const pendingHandoffs = async (db: pg.Pool, owner: Owner, n: number, title: string) =>
  analyzed(
    db,
    await db.query<{ id: string }>(
      `WITH s AS (
         INSERT INTO "ChatSession" ("id", "organizationId", "createdById", "title")
         SELECT gen_random_uuid()::text, $1, $2, $4 || ' ' || g FROM generate_series(1, $3::int) g RETURNING "id")
       INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById")
       SELECT gen_random_uuid()::text, $1, s."id", $2 FROM s RETURNING "id"`,
      [owner.org, owner.engineer, n, title],
    ),
  )

/** One side of a comparison: `prepare` makes the round's inputs (not timed), `request` sends one. */
export interface Target {
  prepare(n: number): Promise<string[]>
  request(input: string): Promise<Response>
  /** The status a successful request answers. */
  ok: number
  /** The server's process: its CPU time per request is printed. */
  pid?: number
  /**
   * Waits, untimed, until the work a round set off is done (ours: its jobs), so it neither
   * spills into the next round (or the other side's) nor escapes the round's CPU figures.
   */
  settle?(): Promise<void>
}

/** CPU time (user + system, ms) a process has used; 0 where /proc is not there. */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS)
  } catch {
    return 0
  }
}
const CLOCK_TICKS = 100
/** CPU time of every Postgres process on this machine (the server is on the same host). */
const postgresCpuMs = () =>
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')
      } catch {
        return false
      }
    })
    .reduce((sum, d) => sum + cpuMs(Number(d)), 0)

/** One closed-loop round: `concurrency` workers send the inputs one after another. */
async function round(target: Target, concurrency: number, perWorker: number) {
  const inputs = await target.prepare(concurrency * perWorker)
  const latencies: number[] = []
  let next = 0
  const cpu0 = { server: target.pid ? cpuMs(target.pid) : 0, postgres: postgresCpuMs() }
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < inputs.length) {
        const input = inputs[next++]!
        const s = performance.now()
        const res = await target.request(input)
        await res.arrayBuffer()
        if (res.status !== target.ok) throw new Error(`answered ${res.status}, expected ${target.ok}`)
        latencies.push(performance.now() - s)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  const s0 = performance.now()
  await target.settle?.()
  const settleMs = performance.now() - s0
  const cpu = { server: target.pid ? cpuMs(target.pid) - cpu0.server : 0, postgres: postgresCpuMs() - cpu0.postgres }
  return { seconds, latencies, cpu, settleMs }
}

/**
 * For each concurrency, `rounds` rounds of ours and of each bare ceiling, rotating which goes
 * first; prints req/s, p50 and p99 of each, ours' ratio to each, and the load average during the rounds.
 */
export async function compare(
  what: string,
  ours: Target,
  bares: Array<{ label: string; target: Target }>,
  options: { concurrencies: number[]; rounds: number; perWorker: (concurrency: number) => number },
): Promise<void> {
  const sides = [{ label: 'ours', target: ours }, ...bares]
  // Warm them up (connections, prepared statements, JIT: a Node server reaches its speed after a
  // thousand requests or so, as one in service is); not counted.
  const warmup = Number(process.env.BENCH_WARMUP ?? 2000)
  for (const side of sides) await round(side.target, 16, Math.ceil(warmup / 16))
  const loads: number[] = []
  for (const concurrency of options.concurrencies) {
    const results = sides.map(() => ({ seconds: 0, latencies: [] as number[], cpu: { server: 0, postgres: 0 }, settled: [] as number[] }))
    for (let r = 0; r < options.rounds; r++) {
      for (let k = 0; k < sides.length; k++) {
        const i = (k + r) % sides.length
        const { seconds, latencies, cpu, settleMs } = await round(sides[i]!.target, concurrency, options.perWorker(concurrency))
        if (sides[i]!.target.settle) results[i]!.settled.push(settleMs)
        results[i]!.seconds += seconds
        results[i]!.latencies.push(...latencies)
        results[i]!.cpu.server += cpu.server
        results[i]!.cpu.postgres += cpu.postgres
        loads.push(os.loadavg()[0]!)
      }
    }
    const lines = results.map((x) => {
      const sorted = [...x.latencies].sort((a, b) => a - b)
      const n = x.latencies.length
      return { rps: n / x.seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), n, server: x.cpu.server / n, postgres: x.cpu.postgres / n }
    })
    // CPU per request: the server's process and all of Postgres (what else the server set off meanwhile included: its jobs, its relay).
    const fmt = (x: (typeof lines)[number]) =>
      `${x.rps.toFixed(0)} req/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms (n=${x.n}); CPU per request: server ${x.server.toFixed(2)} ms, Postgres ${x.postgres.toFixed(2)} ms`
    const o = lines[0]!
    console.log(`${what} at concurrency ${concurrency}, Postgres: ours ${fmt(o)}`)
    const settled = results[0]!.settled
    if (settled.length) console.log(`  ours' background work done after each round's last answer: ${settled.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`)
    bares.forEach((bare, i) => {
      const b = lines[i + 1]!
      console.log(`  ${bare.label}: ${fmt(b)}`)
      console.log(`    ratio ours/bare: throughput ${(o.rps / b.rps).toFixed(2)}x, p50 ${(b.p50 / o.p50).toFixed(2)}x, p99 ${(o.p99 / b.p99).toFixed(1)}x the bare p99`)
    })
  }
  console.log(`load average during the rounds (1 min): ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; machine: ${machine()}`)
}
