/**
 * Escalate latency (POST /api/sessions/:id/handoffs over loopback HTTP) and the time from
 * escalating to a subscriber receiving `handoff_assessment_ready` with the offline assistant.
 * Embedded database by default; with DATABASE_URL, a throwaway database on that server.
 * The server runs in a child process (e2e/start-server.ts); this process is only the client.
 * Run: npx tsx bench/escalate.ts   (N=300 by default: BENCH_N=1000 for more)
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { DEMO_PASSWORD } from '../src/db/seed-demo.ts'
import { openEventStream } from '../test/support/sse-client.ts'
import { machine, summarize } from './support.ts'

const N = Number(process.env.BENCH_N ?? 300)
const port = 18_500 + Math.floor(Math.random() * 400)
const base = `http://127.0.0.1:${port}`
// The server runs in its own process (as in production), so the client's work is not counted.
const root = path.resolve(import.meta.dirname, '../../..')
const server = spawn(process.execPath, ['--import', 'tsx', 'e2e/start-server.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', OFFLINE_STREAM_DELAY_MS: '0', REDIS_URL: '' },
  stdio: ['ignore', 'inherit', 'inherit'],
})
for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 100))) {
  ready = await fetch(`${base}/healthz`).then((r) => r.ok, () => false)
}

async function login(email: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })
  return res.headers.getSetCookie()[0]!.split(';')[0]!
}

try {
  const jamie = await login('engineer@resolutionflow.example.com')
  const sam = await login('senior@resolutionflow.example.com')
  const json = { 'content-type': 'application/json', cookie: jamie }

  // Sessions with a conversation, made beforehand: only the escalation is timed.
  const sessions: string[] = []
  for (let i = 0; i < N; i++) {
    const s = await fetch(`${base}/api/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ title: `Bench ${i}` }) }).then((r) => r.json() as Promise<{ session: { id: string } }>)
    await fetch(`${base}/api/sessions/${s.session.id}/messages`, { method: 'POST', headers: json, body: JSON.stringify({ content: 'The reception printer is offline on every PC.' }) })
    sessions.push(s.session.id)
  }
  // Let the demo data's and these sessions' background work settle.
  await new Promise((r) => setTimeout(r, 1000))

  const stream = openEventStream(base, sam)
  await stream.ready
  const latencies: number[] = []
  const toReady: number[] = []
  for (const sessionId of sessions) {
    const t0 = performance.now()
    const res = await fetch(`${base}/api/sessions/${sessionId}/handoffs`, { method: 'POST', headers: json, body: JSON.stringify({ note: 'bench' }) })
    latencies.push(performance.now() - t0)
    if (res.status !== 201) throw new Error(`escalate answered ${res.status}`)
    const { id } = (await res.json()) as { id: string }
    await stream.waitFor((e) => e.type === 'handoff_assessment_ready' && e.data.handoff_id === id, 30_000)
    toReady.push(performance.now() - t0)
  }
  stream.close()
  const driver = process.env.DATABASE_URL ? 'Postgres' : 'embedded PGlite'
  console.log(summarize(`escalate latency (${driver})`, latencies))
  console.log(summarize(`escalate → handoff_assessment_ready at a subscriber (${driver}, offline assistant)`, toReady))
  console.log(`machine: ${machine()}`)
} finally {
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
}
