/**
 * Escalate latency with notification channels configured vs none: the deliveries are jobs
 * sent in the escalate transaction, so they should add only a few rows to the request.
 * Two servers of the same build run side by side (child processes, as in production,
 * each on a fresh database: embedded PGlite, or a throwaway one on the DATABASE_URL server):
 *   - none: no webhooks, no SMTP;
 *   - channels: 3 webhooks (json, teams, slack; all events) to a local HTTP receiver and
 *     SMTP to a local smtp-server, so each escalation also e-mails both seniors.
 * Escalations alternate between the two, one at a time; after each, the server's background
 * work is let through (the deliveries received, then the same pause for both) so that
 * neither request meets the other's jobs. Interleaved, the load of a shared machine falls
 * on both alike: the ratio is the figure.
 * Run: npx tsx bench/escalate-notify.ts   (BENCH_N=200 by default)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD } from '../src/db/seed-demo.ts'
import { startHttpReceiver } from '../test/support/http-receiver.ts'
import { startSmtpReceiver } from '../test/support/smtp-receiver.ts'
import { machine, percentile, summarize } from './support.ts'

const N = Number(process.env.BENCH_N ?? 200)
/** After each escalation: its jobs finish their bookkeeping before the next request. */
const SETTLE_MS = 50
const root = path.resolve(import.meta.dirname, '../../..')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Server {
  escalate(i: number): Promise<number>
  close(): Promise<void>
}

async function startServer(channels: boolean): Promise<Server> {
  const receiver = await startHttpReceiver()
  const smtp = await startSmtpReceiver()
  const port = 18_900 + Math.floor(Math.random() * 400) + (channels ? 400 : 0)
  const base = `http://127.0.0.1:${port}`
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'e2e/start-server.ts'], {
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
  for (let ready = false; !ready; await sleep(100)) {
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
  return {
    async escalate(i) {
      const t0 = performance.now()
      const res = await fetch(`${base}/api/sessions/${sessions[i]}/handoffs`, { method: 'POST', headers: json, body: JSON.stringify({ note: 'bench' }) })
      const ms = performance.now() - t0
      if (res.status !== 201) throw new Error(`escalate answered ${res.status}`)
      await res.arrayBuffer()
      if (channels) {
        // This escalation's deliveries (3 webhooks, 2 e-mails) are through before the next request.
        const deadline = Date.now() + 30_000
        while ((receiver.requests.length < 3 * (i + 1) || smtp.mails.length < 2 * (i + 1)) && Date.now() < deadline) await sleep(5)
        if (receiver.requests.length < 3 * (i + 1) || smtp.mails.length < 2 * (i + 1)) throw new Error('deliveries did not arrive within 30 s')
      }
      await sleep(SETTLE_MS)
      return ms
    },
    async close() {
      if (channels) console.log(`  delivered: ${receiver.requests.length} webhook requests, ${smtp.mails.length} e-mails`)
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
      await receiver.close()
      await smtp.close()
    },
  }
}

const where = process.env.DATABASE_URL ? 'Postgres' : 'embedded PGlite'
const none = await startServer(false)
const withChannels = await startServer(true)
const load = [os.loadavg()[0]]
const samples = { none: [] as number[], channels: [] as number[] }
try {
  await sleep(1000)
  for (let i = 0; i < N; i++) {
    // Alternate which goes first, so neither always follows the other's pause.
    const order = i % 2 === 0 ? (['none', 'channels'] as const) : (['channels', 'none'] as const)
    for (const which of order) samples[which].push(await (which === 'none' ? none : withChannels).escalate(i))
  }
  load.push(os.loadavg()[0])
} finally {
  await withChannels.close()
  await none.close()
}
console.log(summarize(`escalate latency, no webhooks, no e-mail (${where})`, samples.none))
console.log(summarize(`escalate latency, 3 webhooks + e-mail (${where})`, samples.channels))
const p = (s: number[], q: number) => percentile([...s].sort((a, b) => a - b), q)
for (const [name, q] of [['p50', 0.5], ['p99', 0.99]] as const) {
  const change = ((p(samples.channels, q) - p(samples.none, q)) / p(samples.none, q)) * 100
  console.log(`${name} change with channels: ${change >= 0 ? '+' : ''}${change.toFixed(1)}% (goal for p99: at most +20%)`)
}
console.log(`load average (1 min) at start / end: ${load.map((l) => l!.toFixed(2)).join(' / ')}`)
console.log(`machine: ${machine()}`)
