/**
 * How cost grows with history (issue #14): the same requests with 100 and with 100,000 past
 * escalations in the database, p50 and p99 of each, and the p50 ratio 100k / 100 (the goal:
 * at most 2×). The requests: the admin's sidebar (`GET /api/sessions`, Morgan, who started no
 * session and picked up none of the history), the senior's queue (`GET /api/handoffs?status=pending`,
 * Sam), the bell (`GET /api/notifications`, Sam), the team metrics (`GET /api/metrics/escalations`,
 * Morgan; its default period is the last 30 days), escalate (`POST /api/sessions/:id/handoffs`,
 * Jamie, on fresh sessions) and claim (`POST /api/handoffs/:id/claim`, Sam, on fresh pending
 * handoffs); fresh sessions and handoffs are inserted by SQL before their run, not timed.
 *
 * The past escalations are Acme's, spread over the last BENCH_SPREAD_DAYS days (default 30: all
 * in the metrics' default period; 365: a year of history, a twelfth of it in the period), written by SQL
 * (INSERT ... SELECT generate_series, in batches; ANALYZE after): a session started by Jamie or
 * one of two former engineers, its handoff (9 in 10 claimed by Sam or one of two former seniors,
 * most sessions resolved; 1 in 10 cancelled), the bell's notifications (escalated: Sam and
 * Morgan; picked up or cancelled: whoever escalated; all read) and the outbox rows of each step.
 * The outbox rows get txid 1: they are long relayed (the relay's cursor and every Last-Event-ID
 * are above them), so the relay does not read half a million rows between the two phases.
 * The former people are inactive, so an escalation still notifies only Sam and Morgan.
 *
 * Each phase runs every request n times in turn, one at a time, after 5 untimed warm-ups; after
 * a phase the escalations it opened are cancelled and their notifications read (by SQL), so the
 * second phase sees the same queue and unread count, only the history differs.
 * Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/history.ts
 *      (BENCH_N=50 requests each, BENCH_HISTORY=100000, BENCH_BATCH=25000 past escalations per insert;
 *      BENCH_HOLD_S=120 keeps the database that long after the figures, for EXPLAIN in psql)
 */
import os from 'node:os'
import type pg from 'pg'
import { freshSessions, pendingHandoffs, withBench } from './ceiling.ts'
import { machine, percentile } from './support.ts'

const N = Number(process.env.BENCH_N ?? 50)
const SMALL = 100
const LARGE = Number(process.env.BENCH_HISTORY ?? 100_000)
const BATCH = Number(process.env.BENCH_BATCH ?? 25_000)
const WARMUP = 5
const SPREAD_DAYS = Number(process.env.BENCH_SPREAD_DAYS ?? 30)

interface People {
  org: string
  jamie: string
  sam: string
  morgan: string
}

/** Past escalations number `from`..`to` (inclusive), in one transaction: sessions, handoffs, notifications, outbox rows. */
async function addHistory(db: pg.Pool, p: People, from: number, to: number) {
  const client = await db.connect()
  try {
    await client.query('BEGIN')
    // One row per past escalation; the tables below are filled from it. TIMESTAMP(3) columns hold UTC.
    await client.query(
      `CREATE TEMP TABLE past ON COMMIT DROP AS
       SELECT g, gen_random_uuid()::text AS sid, gen_random_uuid()::text AS hid,
              (now() AT TIME ZONE 'UTC') - interval '1 hour' - random() * interval '1 day' * ${SPREAD_DAYS - 1} AS at,
              (ARRAY[$1, 'bench-history-engineer-1', 'bench-history-engineer-2'])[1 + g % 3] AS creator,
              (ARRAY[$2, 'bench-history-senior-1', 'bench-history-senior-2'])[1 + (g / 3) % 3] AS claimer,
              -- Continuous waits, as real ones are (the metrics' percentiles come from histograms).
              (120 + random() * 2700) * interval '1 second' AS claim_after,
              (8 + random() * 30) * interval '1 second' AS assess_after,
              g % 10 = 4 AS cancelled,
              g % 10 = 7 AS still_open,
              (ARRAY['continue', 'ai_analysis', 'own'])[1 + g % 3]::"ClaimOption" AS option
       FROM generate_series($3::int, $4::int) g`,
      [p.jamie, p.sam, from, to],
    )
    await client.query(
      `INSERT INTO "ChatSession" ("id", "organizationId", "createdById", "title", "createdAt", "lastActivityAt",
                                  "status", "resolvedAt", "resolvedById", "resolutionNote", "rootCause")
       SELECT sid, $1, creator, 'Past escalation ' || g, at - interval '25 minutes', at + interval '2 hours',
              CASE WHEN still_open THEN 'open' ELSE 'resolved' END::"SessionStatus",
              CASE WHEN still_open THEN NULL ELSE at + interval '2 hours' END,
              CASE WHEN still_open THEN NULL WHEN cancelled THEN creator ELSE claimer END,
              CASE WHEN still_open THEN NULL ELSE 'Fixed: step ' || (g % 17) END,
              CASE WHEN still_open THEN NULL ELSE (ARRAY['network', 'account', 'configuration', 'hardware'])[1 + g % 4] END
       FROM past`,
      [p.org],
    )
    await client.query(
      `INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById", "status", "createdAt",
                              "claimedById", "claimedAt", "claimOption", "cancelledById", "cancelledAt",
                              "assessmentStatus", "assessmentAttempts", "assessedAt")
       SELECT hid, $1, sid, creator, CASE WHEN cancelled THEN 'cancelled' ELSE 'claimed' END::"HandoffStatus", at,
              CASE WHEN cancelled THEN NULL ELSE claimer END,
              CASE WHEN cancelled THEN NULL ELSE at + claim_after END,
              CASE WHEN cancelled THEN NULL ELSE option END,
              CASE WHEN cancelled THEN creator END,
              CASE WHEN cancelled THEN at + interval '6 minutes' END,
              'ready', 1, at + assess_after
       FROM past`,
      [p.org],
    )
    // The bell: "escalated" to Sam and Morgan, then "picked up" (or nothing: cancelled) to whoever escalated; all read.
    await client.query(
      `CREATE TEMP TABLE past_notification ON COMMIT DROP AS
       SELECT gen_random_uuid()::text AS id, past.*, n.user_id, n.kind, n.at AS n_at FROM past
       CROSS JOIN LATERAL (VALUES ($1, 'handoff_created', at), ($2, 'handoff_created', at),
                                  (creator, 'handoff_claimed', at + claim_after)) AS n(user_id, kind, at)
       WHERE n.kind = 'handoff_created' OR NOT cancelled`,
      [p.sam, p.morgan],
    )
    await client.query(
      `INSERT INTO "Notification" ("id", "organizationId", "userId", "actorId", "handoffId", "sessionId", "kind", "title", "body", "readAt", "createdAt")
       SELECT id, $1, user_id, CASE WHEN kind = 'handoff_created' THEN creator ELSE claimer END, hid, sid, kind,
              CASE WHEN kind = 'handoff_created' THEN 'A past escalation' ELSE 'Your escalation was picked up' END,
              'Past escalation ' || g, n_at + interval '10 minutes', n_at
       FROM past_notification`,
      [p.org],
    )
    // The outbox: each step's event (organization-wide) and one per notification (its reader's).
    await client.query(
      `INSERT INTO "Event" ("organizationId", "userId", "type", "payload", "createdAt", "txid")
       SELECT $1, NULL, e.type, e.payload, e.at, 1 FROM past
       CROSS JOIN LATERAL (VALUES
         ('handoff_created', jsonb_build_object('handoff_id', hid, 'session_id', sid), at),
         (CASE WHEN cancelled THEN 'handoff_cancelled' ELSE 'handoff_claimed' END,
          jsonb_build_object('handoff_id', hid, 'session_id', sid), at + claim_after),
         (CASE WHEN still_open THEN NULL ELSE 'session_resolved' END, jsonb_build_object('session_id', sid), at + interval '2 hours')
       ) AS e(type, payload, at)
       WHERE e.type IS NOT NULL
       UNION ALL
       SELECT $1, user_id, 'notification_created', jsonb_build_object('notification_id', id, 'session_id', sid), n_at, 1 FROM past_notification`,
      [p.org],
    )
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK')
    throw err
  } finally {
    client.release()
  }
}

await withBench(
  async ({ db, dbUrl, ours, login }) => {
    const base = `http://127.0.0.1:${ours}`
    const [people] = (
      await db.query<People>(
        `SELECT j."organizationId" AS org, j.id AS jamie, s.id AS sam, m.id AS morgan FROM "User" j, "User" s, "User" m
         WHERE j.email = 'engineer@resolutionflow.example.com' AND s.email = 'senior@resolutionflow.example.com'
           AND m.email = 'teamadmin@resolutionflow.example.com'`,
      )
    ).rows
    const p = people!
    // Former colleagues (inactive: no escalation goes to them) own part of the history.
    await db.query(
      `INSERT INTO "User" ("id", "organizationId", "email", "name", "role", "passwordHash", "active", "deactivatedAt")
       SELECT 'bench-history-' || r || '-' || i, $1, 'bench-history-' || r || '-' || i || '@example.com', 'Former ' || r || ' ' || i,
              r::"Role", 'x', false, now()
       FROM unnest(ARRAY['engineer', 'senior']) r, generate_series(1, 2) i`,
      [p.org],
    )
    const cookies = {
      jamie: await login('engineer@resolutionflow.example.com'),
      sam: await login('senior@resolutionflow.example.com'),
      morgan: await login('teamadmin@resolutionflow.example.com'),
    }

    const owner = { org: p.org, engineer: p.jamie }
    const sessions = (n: number) => freshSessions(db, owner, n, 'Bench history escalate')
    const pending = (n: number) => pendingHandoffs(db, owner, n, 'Bench history claim')

    const get = (path: string, cookie: string) => () => fetch(`${base}${path}`, { headers: { cookie } })
    const post = (path: (id: string) => string, cookie: string, body: string) => (id?: string) =>
      fetch(`${base}${path(id!)}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body })
    const requests: Array<{ label: string; ok: number; inputs?: (n: number) => Promise<string[]>; send: (input?: string) => Promise<Response> }> = [
      { label: 'sidebar GET /api/sessions (admin)', ok: 200, send: get('/api/sessions', cookies.morgan) },
      { label: 'pickup queue GET /api/handoffs?status=pending (senior)', ok: 200, send: get('/api/handoffs?status=pending', cookies.sam) },
      { label: 'bell GET /api/notifications (senior)', ok: 200, send: get('/api/notifications', cookies.sam) },
      { label: 'metrics GET /api/metrics/escalations (admin)', ok: 200, send: get('/api/metrics/escalations', cookies.morgan) },
      { label: 'escalate POST /api/sessions/:id/handoffs (engineer)', ok: 201, inputs: sessions, send: post((id) => `/api/sessions/${id}/handoffs`, cookies.jamie, '{"note":"Bench history"}') },
      { label: 'claim POST /api/handoffs/:id/claim (senior)', ok: 200, inputs: pending, send: post((id) => `/api/handoffs/${id}/claim`, cookies.sam, '{"option":"continue"}') },
    ]

    const loads: number[] = []
    /** Each phase's first request of each kind (the metrics' first one computes the stored days). */
    const firsts: number[][] = []
    /** Every request n times (after the warm-ups), one at a time; the sorted latencies of each. */
    async function phase() {
      const started = new Date()
      const results: number[][] = []
      const first: number[] = []
      firsts.push(first)
      for (const r of requests) {
        const inputs = r.inputs ? await r.inputs(WARMUP + N) : Array.from({ length: WARMUP + N }, () => undefined)
        const latencies: number[] = []
        for (const [i, input] of inputs.entries()) {
          const t0 = performance.now()
          const res = await r.send(input)
          await res.arrayBuffer()
          const ms = performance.now() - t0
          if (res.status !== r.ok) throw new Error(`${r.label} answered ${res.status}, expected ${r.ok}`)
          if (i === 0) first.push(ms)
          if (i >= WARMUP) latencies.push(ms)
        }
        loads.push(os.loadavg()[0]!)
        results.push(latencies.sort((a, b) => a - b))
      }
      // Back to the phase's start: the escalations it opened are called off, their notifications read.
      await db.query(
        `UPDATE "Handoff" SET "status" = 'cancelled', "cancelledById" = "handedOffById", "cancelledAt" = now() AT TIME ZONE 'UTC'
         WHERE "status" = 'pending' AND "createdAt" >= $1::timestamptz AT TIME ZONE 'UTC'`,
        [started],
      )
      await db.query(`UPDATE "Notification" SET "readAt" = now() AT TIME ZONE 'UTC' WHERE "readAt" IS NULL AND "createdAt" >= $1::timestamptz AT TIME ZONE 'UTC'`, [started])
      return results
    }

    let seeded = 0
    const grow = async (to: number) => {
      const t0 = performance.now()
      for (; seeded < to; seeded = Math.min(to, seeded + BATCH)) await addHistory(db, p, seeded + 1, Math.min(to, seeded + BATCH))
      await db.query('ANALYZE')
      const { rows: [c] } = await db.query<{ h: number; n: number; e: number }>(
        `SELECT (SELECT count(*)::int FROM "Handoff") AS h, (SELECT count(*)::int FROM "Notification") AS n, (SELECT count(*)::int FROM "Event") AS e`,
      )
      console.log(`history: ${to} past escalations (${c!.h} handoffs, ${c!.n} notifications, ${c!.e} outbox rows in all), seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }

    await grow(SMALL)
    const small = await phase()
    await grow(LARGE)
    const large = await phase()

    // A change to a past day (a decline on an escalation 5 to 25 days old), then the next read:
    // the day is read again from its rows and the longer stretches holding it are joined again.
    const afterChange: number[] = []
    for (let i = 0; i < 10; i++) {
      await db.query(
        `INSERT INTO "HandoffDecline" ("id", "handoffId", "userId", "reason")
         SELECT gen_random_uuid()::text, h."id", $2, 'busy' FROM "Handoff" h
         WHERE h."organizationId" = $1 AND h."createdAt" < now() AT TIME ZONE 'UTC' - make_interval(days => 5 + 2 * $3::int)
           AND NOT EXISTS (SELECT 1 FROM "HandoffDecline" d WHERE d."handoffId" = h."id")
         ORDER BY h."createdAt" DESC LIMIT 1`,
        [p.org, p.morgan, i],
      )
      const t0 = performance.now()
      const res = await fetch(`${base}/api/metrics/escalations`, { headers: { cookie: cookies.morgan } })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`metrics after a change answered ${res.status}`)
      afterChange.push(performance.now() - t0)
    }

    const fmt = (v: number) => `${v.toFixed(1)} ms`
    afterChange.sort((a, b) => a - b)
    console.log(`metrics after a change to a past day, ${LARGE}: n=${afterChange.length}, p50 ${fmt(percentile(afterChange, 0.5))}, max ${fmt(afterChange.at(-1)!)}`)
    console.log(`How cost grows with history, Postgres, n=${N} sequential requests each:`)
    requests.forEach((r, i) => {
      const [a, b] = [small[i]!, large[i]!]
      const ratio = percentile(b, 0.5) / percentile(a, 0.5)
      console.log(
        `${r.label}: ${SMALL}: p50 ${fmt(percentile(a, 0.5))}, p99 ${fmt(percentile(a, 0.99))}; ${LARGE}: p50 ${fmt(percentile(b, 0.5))}, p99 ${fmt(percentile(b, 0.99))}; ` +
          `p50 ${LARGE}/${SMALL} ${ratio.toFixed(2)}x ${ratio <= 2 ? '(goal ≤ 2x: met)' : '(goal ≤ 2x: NOT met)'}; ` +
          `first request ${fmt(firsts[0]![i]!)} → ${fmt(firsts[1]![i]!)}`,
      )
    })
    console.log(`load average during the runs (1 min): ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; machine: ${machine()}`)
    if (process.env.BENCH_HOLD_S) {
      console.log(`keeping ${dbUrl} for ${process.env.BENCH_HOLD_S} s (psql it now)`)
      await new Promise((r) => setTimeout(r, Number(process.env.BENCH_HOLD_S) * 1000))
    }
  },
  // Nothing the run writes is purged or re-sent under it: keep the month of outbox rows, no escalation timers fire.
  { EVENT_RETENTION_DAYS: String(Math.min(365, SPREAD_DAYS + 1)), ESCALATION_RENOTIFY_AFTER_S: '86400', ESCALATION_WIDEN_AFTER_S: '86400' },
)
