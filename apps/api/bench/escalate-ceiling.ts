/**
 * Escalate (POST /api/sessions/:id/handoffs) at concurrency 1 and 16 on Postgres, next to a
 * bare ceiling measured in the same run: a `node:http` + `pg` server that makes the same
 * writes as one raw SQL statement (the handoff, the session's activity, a notification and
 * an outbox event per senior, the `handoff_created` event, the three jobs) and nothing else:
 * no sign-in, no read, no rule, no answer body to build. Each escalation is on a fresh
 * session (inserted by SQL before its round, not timed). Rounds alternate ours / bare.
 * Ours also runs each escalation's assessment job in the background (offline assistant);
 * the bare server's jobs are inserted to start a day later, so nothing runs them. After each
 * of our rounds the bench waits (untimed) for those jobs to finish: their CPU is the round's,
 * and a backlog does not slow the next round of either side.
 * Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/escalate-ceiling.ts
 *      (BENCH_ROUNDS=4 rounds per concurrency, BENCH_PER_ROUND=192 escalations per round)
 */
import http from 'node:http'
import pg from 'pg'
import { compare, freshSessions, withBench, type Target } from './ceiling.ts'

const ESCALATE_SQL = `
  WITH h AS (
    INSERT INTO "Handoff" ("id", "organizationId", "sessionId", "handedOffById", "note")
    VALUES (gen_random_uuid()::text, $1, $2, $3, 'Bench escalation') RETURNING "id", "createdAt"
  ), s AS (
    UPDATE "ChatSession" SET "lastActivityAt" = (SELECT "createdAt" FROM h) WHERE "id" = $2
  ), n AS (
    INSERT INTO "Notification" ("id", "organizationId", "userId", "actorId", "handoffId", "sessionId", "kind", "title", "body")
    SELECT gen_random_uuid()::text, $1, u, $3, h."id", $2, 'handoff_created', 'Jamie Rivera escalated a session', 'Bench'
    FROM h, unnest($4::text[]) AS u
    RETURNING "id", "userId"
  ), e AS (
    INSERT INTO "Event" ("organizationId", "userId", "type", "payload")
    SELECT $1, NULL, 'handoff_created', jsonb_build_object('handoff_id', h."id", 'session_id', $2::text) FROM h
    UNION ALL
    SELECT $1, n."userId", 'notification_created', jsonb_build_object('notification_id', n."id", 'session_id', $2::text) FROM n
  ), j AS (
    INSERT INTO pgboss.job ("name", "data", "start_after")
    SELECT q, jsonb_build_object('handoff_id', h."id"), now() + interval '1 day'
    FROM h, unnest(ARRAY['assess-handoff', 'renotify-handoff', 'widen-handoff']) AS q
  )
  SELECT "id" FROM h`

// The bare ceiling's process: the escalation's writes as one statement per request.
if (process.argv[2] === 'bare') {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  pool.on('error', () => {})
  const { ORG_ID, JAMIE_ID, RECIPIENTS } = process.env as Record<string, string>
  http
    .createServer(async (req, res) => {
      const sessionId = req.url!.split('/')[2]!
      // Named, so each connection parses and plans it once, as the app's statements are.
      const { rows } = await pool.query({ name: 'escalate', text: ESCALATE_SQL, values: [ORG_ID, sessionId, JAMIE_ID, RECIPIENTS!.split(',')] })
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: rows[0].id }))
    })
    .listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'))
} else {
  await withBench(async ({ db, ours, startBare, login, pidOf }) => {
    const cookie = await login('engineer@resolutionflow.example.com')
    const [people] = (
      await db.query<{ org: string; jamie: string; recipients: string }>(
        `SELECT j."organizationId" AS org, j.id AS jamie,
           (SELECT string_agg(u.id, ',') FROM "User" u WHERE u."organizationId" = j."organizationId"
              AND u.role IN ('senior', 'admin') AND u.active AND u.id <> j.id) AS recipients
         FROM "User" j WHERE j.email = 'engineer@resolutionflow.example.com'`,
      )
    ).rows
    const barePort = await startBare(import.meta.filename, { ORG_ID: people!.org, JAMIE_ID: people!.jamie, RECIPIENTS: people!.recipients })

    const sessions = (n: number) => freshSessions(db, { org: people!.org, engineer: people!.jamie }, n, 'Bench escalate')

    const oursTarget: Target = {
      prepare: sessions,
      request: (id) =>
        fetch(`http://127.0.0.1:${ours}/api/sessions/${id}/handoffs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: '{"note":"Bench escalation"}',
        }),
      ok: 201,
      pid: pidOf(ours),
      // Each escalation's assessment job: its CPU counts for the round that sent it.
      async settle() {
        const deadline = Date.now() + 300_000
        for (;;) {
          if (Date.now() > deadline) throw new Error('our jobs did not finish within 5 minutes of the round')
          const { rows } = await db.query<{ due: number }>(
            `SELECT count(*)::int AS due FROM pgboss.job WHERE state < 'completed' AND start_after <= now()`,
          )
          if (rows[0]!.due === 0) return
          await new Promise((r) => setTimeout(r, 20))
        }
      },
    }
    const bareTarget: Target = {
      prepare: sessions,
      request: (id) => fetch(`http://127.0.0.1:${barePort}/escalate/${id}`, { method: 'POST' }),
      ok: 201,
      pid: pidOf(barePort),
    }
    const perRound = Number(process.env.BENCH_PER_ROUND ?? 192)
    await compare(
      'escalate',
      oursTarget,
      [{ label: 'bare, the same writes in one raw statement', target: bareTarget }],
      { concurrencies: [1, 16], rounds: Number(process.env.BENCH_ROUNDS ?? 4), perWorker: (c) => Math.ceil(perRound / c) },
    )
  })
}
