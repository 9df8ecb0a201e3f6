/**
 * A reconnect far behind: `GET /api/events` with a Last-Event-ID 10,000 events back, timed from
 * the request until the stream's `ready` (the replay, or the `reset` that replaces it, is over
 * then), next to a bare ceiling measured in the same run: the raw outbox SELECT of those 10,000
 * rows over `pg`, nothing else. The same for a reconnect exactly MAX_REPLAY (5,000) behind, the
 * furthest one replayed in full. Trials alternate ours / bare (and which goes first), so both see
 * the same machine; the figure to read is the ratio.
 *
 * Ours: the real app (src/server.ts, demo data) in a child process on a throwaway database;
 * the client (this process) is Sam, reading the stream with `fetch`. The rows are Acme's
 * outbox rows written by one INSERT ... SELECT generate_series before the trials (not timed);
 * nothing else writes meanwhile, so every trial reconnects exactly as far behind.
 * Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/replay.ts
 *      (BENCH_N=20 trials each, after 3 warm-up trials)
 */
import os from 'node:os'
import { MAX_REPLAY } from '../src/routes/api/events.ts'
import { withBench } from './ceiling.ts'
import { machine, percentile } from './support.ts'

const BEHIND = 10_000
const N = Number(process.env.BENCH_N ?? 20)
const WARMUP = 3

await withBench(async ({ db, ours: port, login }) => {
  const base = `http://127.0.0.1:${port}`
  const cookie = await login('senior@resolutionflow.example.com')
  const { rows: [sam] } = await db.query<{ org: string; id: string }>(
    `SELECT "organizationId" AS org, id FROM "User" WHERE email = 'senior@resolutionflow.example.com'`,
  )

  // One marker row, the cursor, then BEHIND rows: all one statement, one transaction, so they
  // replay in id order.
  const { rows } = await db.query<{ id: string; txid: string }>(
    `INSERT INTO "Event" ("organizationId", "type", "payload")
     SELECT $1, 'task_lane_updated', jsonb_build_object('session_id', 'bench-replay-' || g) FROM generate_series(0, $2::int) g
     RETURNING "id"::text, "txid"::text`,
    [sam!.org, BEHIND],
  )
  const sorted = rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
  const cursors = new Map([[BEHIND, sorted[0]!], [MAX_REPLAY, sorted[BEHIND - MAX_REPLAY]!]])
  const head = sorted.at(-1)!.id
  // Let the relay's poll pass the new rows, so none reaches a trial's stream as a live event.
  await sleep(2_500)

  /** Ours: the stream from `from` until `ready`; what the client got, and how long it took. */
  async function ours(from: string) {
    const t0 = performance.now()
    const res = await fetch(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream', 'last-event-id': from } })
    if (res.status !== 200) throw new Error(`the stream answered ${res.status}`)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    for (let scanned = 0; ; ) {
      const { value, done } = await reader.read()
      if (done) throw new Error('the stream ended before ready')
      text += decoder.decode(value, { stream: true })
      if (text.indexOf('event: ready', Math.max(0, scanned - 16)) >= 0) break
      scanned = text.length
    }
    const ms = performance.now() - t0
    await reader.cancel()
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => m[1]!)
    const reset = /^event: reset$/m.test(text)
    return { ms, replayed: reset ? ids.length - 1 : ids.length, reset, last: ids.at(-1) }
  }

  /** The ceiling: the raw outbox SELECT of the rows after `from`, over pg. */
  async function bare(from: { id: string; txid: string }, behind: number) {
    const t0 = performance.now()
    const { rows } = await db.query(
      `SELECT "id", "organizationId", "userId", "type", "payload", "txid" FROM "Event"
       WHERE ("txid", "id") > ($1::bigint, $2::bigint) AND "organizationId" = $3 AND ("userId" IS NULL OR "userId" = $4)
       ORDER BY "txid", "id" LIMIT $5`,
      [from.txid, from.id, sam!.org, sam!.id, behind],
    )
    const ms = performance.now() - t0
    if (rows.length !== behind) throw new Error(`the bare SELECT read ${rows.length} rows, not ${behind}`)
    return ms
  }

  const p = (xs: number[], q: number) => percentile([...xs].sort((a, b) => a - b), q)
  const ms = (v: number) => `${v.toFixed(1)} ms`
  const line = (xs: number[]) => `n=${xs.length} p50=${ms(p(xs, 0.5))} p99=${ms(p(xs, 0.99))} max=${ms(Math.max(...xs))}`
  const loads: number[] = []
  for (const behind of [BEHIND, MAX_REPLAY]) {
    const from = cursors.get(behind)!
    const times = { ours: [] as number[], bare: [] as number[] }
    let seen = ''
    for (let i = 0; i < N + WARMUP; i++) {
      for (const which of i % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
        let t: number
        if (which === 'bare') t = await bare(from, behind)
        else {
          const got = await ours(from.id)
          t = got.ms
          const observed = got.reset ? `reset (id ${got.last === head ? 'the head' : got.last}) after ${got.replayed} replayed` : `${got.replayed} replayed, the last ${got.last === head ? 'the head' : got.last}`
          if (seen && seen !== observed) throw new Error(`trials differ: ${seen} / ${observed}`)
          seen = observed
        }
        if (i >= WARMUP) times[which].push(t)
      }
      loads.push(os.loadavg()[0]!)
    }
    console.log(`\n== reconnect ${behind.toLocaleString('en')} behind (Postgres; MAX_REPLAY ${MAX_REPLAY.toLocaleString('en')}): the client got ${seen}`)
    console.log(`ours, request → ready: ${line(times.ours)}`)
    console.log(`bare, the outbox SELECT of ${behind.toLocaleString('en')} rows over pg: ${line(times.bare)}`)
    console.log(`ratio (bare / ours, 1 = as fast as the bare SELECT): p50 ${(p(times.bare, 0.5) / p(times.ours, 0.5)).toFixed(2)}×, p99 ${(p(times.bare, 0.99) / p(times.ours, 0.99)).toFixed(2)}×`)
  }
  console.log(`\nload average during the trials (1 min): ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; machine: ${machine()}`)
}, { SSE_HEARTBEAT_MS: '300000' })

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}
