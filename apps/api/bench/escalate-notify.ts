/**
 * Escalate latency with notification channels configured vs none: the deliveries are jobs
 * sent in the escalate transaction, so they should add only a few rows to the request.
 * Two runs of the same server (a child process, as in production; embedded PGlite by
 * default, a throwaway Postgres database with DATABASE_URL):
 *   - none: no webhooks, no SMTP;
 *   - channels: 3 webhooks (json, teams, slack; all events) to a local HTTP receiver and
 *     SMTP to a local smtp-server, so each escalation also e-mails both seniors.
 * Escalations go one at a time, after the previous one's deliveries are through.
 * Run: npx tsx bench/escalate-notify.ts   (BENCH_N=200 by default)
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { DEMO_PASSWORD } from '../src/db/seed-demo.ts'
import { startHttpReceiver } from '../test/support/http-receiver.ts'
import { startSmtpReceiver } from '../test/support/smtp-receiver.ts'
import { machine, percentile, summarize } from './support.ts'

const N = Number(process.env.BENCH_N ?? 200)
const root = path.resolve(import.meta.dirname, '../../..')

async function run(label: string, channels: boolean) {
  const receiver = await startHttpReceiver()
  const smtp = await startSmtpReceiver()
  const port = 18_900 + Math.floor(Math.random() * 400)
  const base = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, ['--import', 'tsx', 'e2e/start-server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      OFFLINE_STREAM_DELAY_MS: '0',
      REDIS_URL: '',
      OUTBOUND_ALLOW_PRIVATE: 'true',
      ...(channels ? { SMTP_URL: smtp.url } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  try {
    for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 100))) {
      ready = await fetch(`${base}/healthz`).then((r) => r.ok, () => false)
    }
    const login = async (email: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })
      return res.headers.getSetCookie()[0]!.split(';')[0]!
    }
    const jamie = await login('engineer@resolutionflow.example.com')
    const morgan = await login('teamadmin@resolutionflow.example.com')
    if (channels) {
      for (const kind of ['json', 'teams', 'slack']) {
        const res = await fetch(`${base}/api/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: morgan },
          body: JSON.stringify({ url: `${receiver.url}/${kind}`, kind, events: ['handoff_created', 'handoff_claimed', 'handoff_unclaimed_widened'] }),
        })
        if (res.status !== 201) throw new Error(`webhook answered ${res.status}`)
      }
    }
    const json = { 'content-type': 'application/json', cookie: jamie }
    const sessions: string[] = []
    for (let i = 0; i < N; i++) {
      const s = await fetch(`${base}/api/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ title: `Bench ${i}` }) }).then((r) => r.json() as Promise<{ session: { id: string } }>)
      await fetch(`${base}/api/sessions/${s.session.id}/messages`, { method: 'POST', headers: json, body: JSON.stringify({ content: 'The reception printer is offline on every PC.' }) })
      sessions.push(s.session.id)
    }
    await new Promise((r) => setTimeout(r, 1000))
    const latencies: number[] = []
    for (const [i, sessionId] of sessions.entries()) {
      const t0 = performance.now()
      const res = await fetch(`${base}/api/sessions/${sessionId}/handoffs`, { method: 'POST', headers: json, body: JSON.stringify({ note: 'bench' }) })
      latencies.push(performance.now() - t0)
      if (res.status !== 201) throw new Error(`escalate answered ${res.status}`)
      await res.arrayBuffer()
      // Wait for this escalation's deliveries (3 webhooks, 2 e-mails) before the next one.
      if (channels) {
        const deadline = Date.now() + 30_000
        while ((receiver.requests.length < 3 * (i + 1) || smtp.mails.length < 2 * (i + 1)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
      } else await new Promise((r) => setTimeout(r, 30))
    }
    console.log(summarize(`escalate latency, ${label} (${process.env.DATABASE_URL ? 'Postgres' : 'embedded PGlite'})`, latencies))
    if (channels) console.log(`  delivered: ${receiver.requests.length} webhook requests, ${smtp.mails.length} e-mails`)
    return percentile([...latencies].sort((a, b) => a - b), 0.99)
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    await receiver.close()
    await smtp.close()
  }
}

const none = await run('no webhooks, no e-mail', false)
const withChannels = await run('3 webhooks + e-mail', true)
console.log(`p99 change: ${(((withChannels - none) / none) * 100).toFixed(1)}%`)
console.log(`machine: ${machine()}`)
