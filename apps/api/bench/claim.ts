/**
 * Claim throughput and latency at concurrency 64 and 16 on Postgres, next to two bare
 * ceilings measured in the same run: `node:http` + `pg` servers doing only the claim's
 * conditional UPDATE, or the claim's writes (UPDATE, session, notification, events) as one
 * raw statement. Each claim is on a fresh pending handoff (inserted by SQL before its round, not
 * timed). Rounds rotate ours and the bare ones (and which goes first), so all see the same
 * load; the figure to read is the ratio. Every server runs in its own process.
 * Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/claim.ts
 *      (BENCH_ROUNDS=4 rounds per concurrency, BENCH_PER_WORKER=8 claims per worker and round)
 */
import http from 'node:http'
import pg from 'pg'
import { compare, pendingHandoffs, withBench, type Target } from './ceiling.ts'

const CLAIM_SQL = `UPDATE "Handoff" SET "status" = 'claimed', "claimedById" = $1, "claimedAt" = now(), "claimOption" = 'continue'
  WHERE "id" = $2 AND "status" = 'pending' RETURNING "id"`

// The claim's writes as one raw statement: the conditional UPDATE, the session's activity, the
// bell notification, the seniors' notifications of the escalation settled, and both outbox
// events (no rule, no read-back, no answer body).
const CLAIM_WRITES_SQL = `
  WITH c AS (${CLAIM_SQL.replace('RETURNING "id"', 'RETURNING "id", "sessionId", "organizationId", "handedOffById"')}),
  s AS (UPDATE "ChatSession" SET "lastActivityAt" = now() WHERE "id" IN (SELECT "sessionId" FROM c)),
  a AS (
    UPDATE "Notification" SET "obsoleteAt" = now()
    WHERE "handoffId" IN (SELECT "id" FROM c) AND "obsoleteAt" IS NULL AND "kind" IN ('handoff_created', 'handoff_renotified', 'handoff_widened')),
  n AS (
    INSERT INTO "Notification" ("id", "organizationId", "userId", "actorId", "handoffId", "sessionId", "kind", "title", "body")
    SELECT gen_random_uuid()::text, c."organizationId", c."handedOffById", $1, c."id", c."sessionId", 'handoff_claimed', 'Sam Patel picked up your escalation', 'Bench'
    FROM c RETURNING "id", "userId", "sessionId", "organizationId"),
  e AS (
    INSERT INTO "Event" ("organizationId", "userId", "type", "payload")
    SELECT c."organizationId", NULL, 'handoff_claimed', jsonb_build_object('handoff_id', c."id", 'session_id', c."sessionId") FROM c
    UNION ALL
    SELECT n."organizationId", n."userId", 'notification_created', jsonb_build_object('notification_id', n."id", 'session_id', n."sessionId") FROM n)
  SELECT "id" FROM c`

// A bare ceiling's process: per request the one statement (`bare`: the conditional UPDATE;
// `bare writes`: all the claim's writes), nothing else.
if (process.argv[2] === 'bare') {
  const sql = process.env.BARE_WRITES ? CLAIM_WRITES_SQL : CLAIM_SQL
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  // An idle connection ended under it (the parent's DROP DATABASE ... WITH (FORCE)): not a crash.
  pool.on('error', () => {})
  http
    .createServer(async (req, res) => {
      const id = req.url!.split('/')[2]!
      // Named, so each connection parses and plans it once, as the app's statements are.
      const { rows } = await pool.query({ name: 'claim', text: sql, values: [process.env.CLAIMER_ID, id] })
      res.writeHead(rows.length ? 200 : 409, { 'content-type': 'application/json' }).end(JSON.stringify({ id }))
    })
    .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'))
} else {
  await withBench(async ({ db, ours, startBare, login, pidOf }) => {
    const cookie = await login('senior@resolutionflow.example.com')
    const [people] = (
      await db.query<{ org: string; sam: string; jamie: string }>(
        `SELECT s."organizationId" AS org, s.id AS sam, j.id AS jamie FROM "User" s, "User" j
         WHERE s.email = 'senior@resolutionflow.example.com' AND j.email = 'engineer@resolutionflow.example.com'`,
      )
    ).rows
    const barePort = await startBare(import.meta.filename, { CLAIMER_ID: people!.sam })
    const writesPort = await startBare(import.meta.filename, { CLAIMER_ID: people!.sam, BARE_WRITES: '1' })

    const owner = { org: people!.org, engineer: people!.jamie }
    const pending = (n: number) => pendingHandoffs(db, owner, n, 'Bench claim')

    const oursTarget: Target = {
      prepare: pending,
      request: (id) =>
        fetch(`http://127.0.0.1:${ours}/api/handoffs/${id}/claim`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: '{"option":"continue"}',
        }),
      ok: 200,
      pid: pidOf(ours),
    }
    const bare = (port: number): Target => ({
      prepare: pending,
      request: (id) => fetch(`http://127.0.0.1:${port}/claim/${id}`, { method: 'POST' }),
      ok: 200,
      pid: pidOf(port),
    })
    const perWorker = Number(process.env.BENCH_PER_WORKER ?? 8)
    await compare(
      'claim',
      oursTarget,
      [
        { label: 'bare conditional UPDATE', target: bare(barePort) },
        { label: 'bare, the claim\'s writes in one raw statement', target: bare(writesPort) },
      ],
      { concurrencies: [64, 16], rounds: Number(process.env.BENCH_ROUNDS ?? 4), perWorker: () => perWorker },
    )
  })
}
