/**
 * Live fan-out: one event to many open SSE streams, ours against a bare `node:http` SSE
 * broadcaster, interleaved in the same run; then the reconnect rate (streams opened per
 * second, each until its first frame), ours against the same bare server.
 *
 * Ours: the real app (e2e/start-server.ts, demo data) in a child process, on the embedded
 * PGlite or, with DATABASE_URL, a throwaway database on that server. The trigger is an
 * escalation (POST /api/sessions/:id/handoffs, the issue's `handoff_created`); a stream has
 * the event when the escalated session's id first appears on it. Trigger → last receiver
 * therefore includes the escalate request and the relay's outbox read; the spread (first →
 * last receiver) is the fan-out alone. The bare server (this file with `--bare`, also a child
 * process) answers POST /trigger and writes one pre-formatted frame to every stream.
 * Both are read by the same client code in this process, over loopback HTTP.
 *
 * Run: npx tsx bench/fanout.ts
 *   BENCH_N=30 trials each, BENCH_STREAMS=1000 open streams, BENCH_RECONNECT=1000 streams per
 *   reconnect round (BENCH_ROUNDS=5 rounds each); DATABASE_URL for Postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD } from '../src/db/seed-demo.ts'
import { machine, percentile } from './support.ts'

if (process.argv[2] === '--bare') {
  // The ceiling: no auth, no database, one frame serialised once and written to each stream.
  const streams = new Set<http.ServerResponse>()
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
      res.write(`event: ready\ndata: ${JSON.stringify({ at: new Date().toISOString() })}\n\n`)
      streams.add(res)
      res.on('close', () => streams.delete(res))
      return
    }
    if (req.method === 'POST' && req.url?.startsWith('/trigger?')) {
      const session = new URL(req.url, 'http://x').searchParams.get('session')
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}')
      const frame = `id: ${Date.now()}\nevent: handoff_created\ndata: ${JSON.stringify({ handoff_id: crypto.randomUUID(), session_id: session })}\n\n`
      for (const s of streams) s.write(frame)
      return
    }
    if (req.url === '/healthz') return void res.end('ok')
    res.writeHead(404).end()
  })
  server.listen(Number(process.argv[3]), '127.0.0.1')
  process.on('SIGTERM', () => {
    for (const s of streams) s.destroy()
    server.close(() => process.exit(0))
  })
} else {
  await main()
}

async function main() {
  const N = Number(process.env.BENCH_N ?? 30)
  const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000)
  const RECONNECT = Number(process.env.BENCH_RECONNECT ?? 1000)
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
  const root = path.resolve(import.meta.dirname, '../../..')
  const oursPort = 19_000 + Math.floor(Math.random() * 400)
  const barePort = oursPort + 500
  const ours = `http://127.0.0.1:${oursPort}`
  const bare = `http://127.0.0.1:${barePort}`
  const driver = process.env.DATABASE_URL ? 'Postgres' : 'embedded PGlite'
  const load0 = os.loadavg()

  const children: ChildProcess[] = [
    spawn(process.execPath, ['--import', 'tsx', 'e2e/start-server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(oursPort), LOG_LEVEL: 'warn', OFFLINE_STREAM_DELAY_MS: '0', REDIS_URL: '', SSE_HEARTBEAT_MS: '300000' },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
    spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fanout.ts'), '--bare', String(barePort)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  ]
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
  try {
    for (const base of [ours, bare]) {
      for (let ready = false; !ready; await sleep(100)) {
        if (children.some((c) => c.exitCode !== null)) throw new Error('a server exited before it was ready')
        ready = await fetch(`${base}/healthz`).then((r) => r.ok, () => false)
      }
    }

    const login = async (email: string) => {
      const res = await fetch(`${ours}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) })
      if (!res.ok) throw new Error(`login answered ${res.status}`)
      return res.headers.getSetCookie()[0]!.split(';')[0]!
    }
    // Acme's three people, round robin: every stream may see the org's handoff_created.
    const cookies = [
      await login('engineer@resolutionflow.example.com'),
      await login('senior@resolutionflow.example.com'),
      await login('teamadmin@resolutionflow.example.com'),
    ]
    const jamie = cookies[0]!
    const json = { 'content-type': 'application/json', cookie: jamie }

    // Sessions with a conversation, made beforehand: only the escalation is timed.
    const warmup = 3
    const sessions: string[] = []
    for (let i = 0; i < 2 * (N + warmup); i++) {
      const s = (await (await fetch(`${ours}/api/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ title: `Fan-out ${i}` }) })).json()) as { session: { id: string } }
      await fetch(`${ours}/api/sessions/${s.session.id}/messages`, { method: 'POST', headers: json, body: JSON.stringify({ content: 'The reception printer is offline on every PC.' }) })
      sessions.push(s.session.id)
    }
    await sleep(1000)

    const escalate = async (sessionId: string) => {
      const t0 = performance.now()
      const res = await fetch(`${ours}/api/sessions/${sessionId}/handoffs`, { method: 'POST', headers: json, body: JSON.stringify({ note: 'bench' }) })
      const ms = performance.now() - t0
      if (res.status !== 201) throw new Error(`escalate answered ${res.status}`)
      await res.arrayBuffer()
      return ms
    }

    // Escalate with no stream open, for the request's own cost.
    const escalateAlone: number[] = []
    for (let i = 0; i < N + warmup; i++) {
      const ms = await escalate(sessions.pop()!)
      if (i >= warmup) escalateAlone.push(ms)
      await sleep(150)
    }
    await sleep(500)

    const oursStreams = await openMany(ours, '/api/events', cookies, STREAMS, 50)
    const bareStreams = await openMany(bare, '/events', [''], STREAMS, 50)
    await sleep(500)

    const fan = { ours: { last: [] as number[], spread: [] as number[] }, bare: { last: [] as number[], spread: [] as number[] } }
    const escalateWithStreams: number[] = []
    const trial = async (which: 'ours' | 'bare', record: boolean) => {
      const streams = which === 'ours' ? oursStreams : bareStreams
      const marker = which === 'ours' ? sessions.pop()! : crypto.randomUUID()
      const arrived = streams.map((s) => s.watch(marker))
      const t0 = performance.now()
      const trigger =
        which === 'ours'
          ? escalate(marker)
          : fetch(`${bare}/trigger?session=${marker}`, { method: 'POST' }).then(async (r) => void (await r.arrayBuffer()))
      const times = await withTimeout(Promise.all(arrived), 30_000, `${which}: not every stream received the event`)
      const requestMs = await trigger
      if (record) {
        const first = Math.min(...times)
        const last = Math.max(...times)
        fan[which].last.push(last - t0)
        fan[which].spread.push(last - first)
        if (which === 'ours' && typeof requestMs === 'number') escalateWithStreams.push(requestMs)
      }
      // Let what follows settle (ours: the assessment's handoff_assessment_ready to every stream).
      await quiet(streams, 300)
    }
    for (let i = 0; i < N + warmup; i++) {
      const order = i % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)
      for (const which of order) await trial(which, i >= warmup)
    }
    for (const s of [...oursStreams, ...bareStreams]) s.close()
    await sleep(1000)

    // Reconnect rate: RECONNECT streams opened at once, until each has its first frame.
    // `me`: as many GET /api/me at once, the same sign-in check with no stream: when its
    // rate is close to the streams', opening a stream costs what authenticating a request does.
    const rate = { ours: [] as number[], bare: [] as number[], me: [] as number[] }
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['ours', 'bare', 'me'] as const) : (['me', 'bare', 'ours'] as const)
      for (const which of order) {
        const t0 = performance.now()
        if (which === 'me') await getMany(ours, '/api/me', cookies, RECONNECT)
        else {
          const opened = which === 'ours' ? await openMany(ours, '/api/events', cookies, RECONNECT, RECONNECT) : await openMany(bare, '/events', [''], RECONNECT, RECONNECT)
          for (const s of opened) s.close()
        }
        rate[which].push(RECONNECT / ((performance.now() - t0) / 1000))
        await sleep(1000)
      }
    }

    const load1 = os.loadavg()
    const ms = (v: number) => `${v.toFixed(1)} ms`
    const p = (xs: number[], q: number) => percentile([...xs].sort((a, b) => a - b), q)
    const line = (label: string, xs: number[]) => `${label}: n=${xs.length} p50=${ms(p(xs, 0.5))} p99=${ms(p(xs, 0.99))} max=${ms(Math.max(...xs))}`
    console.log(`\n== fan-out: one event to ${STREAMS} open streams (${driver})`)
    console.log(line('ours, trigger (escalate) → last receiver', fan.ours.last))
    console.log(line('bare, trigger → last receiver', fan.bare.last))
    console.log(`ratio (bare / ours, 1 = as fast as bare): p50 ${(p(fan.bare.last, 0.5) / p(fan.ours.last, 0.5)).toFixed(2)}×, p99 ${(p(fan.bare.last, 0.99) / p(fan.ours.last, 0.99)).toFixed(2)}×`)
    console.log(line('ours, first → last receiver (the fan-out alone)', fan.ours.spread))
    console.log(line('bare, first → last receiver', fan.bare.spread))
    console.log(`ratio of spreads (bare / ours): p50 ${(p(fan.bare.spread, 0.5) / p(fan.ours.spread, 0.5)).toFixed(2)}×, p99 ${(p(fan.bare.spread, 0.99) / p(fan.ours.spread, 0.99)).toFixed(2)}×`)
    console.log(line(`escalate latency, no stream open`, escalateAlone))
    console.log(line(`escalate latency, ${STREAMS} streams open`, escalateWithStreams))
    console.log(`escalate p50 with streams / without: ${(p(escalateWithStreams, 0.5) / p(escalateAlone, 0.5)).toFixed(2)}×`)
    const rates = (xs: number[], unit = 'streams/s') => `median ${p(xs, 0.5).toFixed(0)} ${unit} (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`
    console.log(`\n== reconnect: ${RECONNECT} streams opened at once, until each has its first frame (${driver}), ${ROUNDS} rounds each`)
    console.log(`ours: ${rates(rate.ours)}`)
    console.log(`bare: ${rates(rate.bare)}`)
    console.log(`ratio (ours / bare): ${(p(rate.ours, 0.5) / p(rate.bare, 0.5)).toFixed(2)}×`)
    console.log(`for comparison, ${RECONNECT} GET /api/me at once (the sign-in check alone): ${rates(rate.me, 'requests/s')}; streams / me: ${(p(rate.ours, 0.5) / p(rate.me, 0.5)).toFixed(2)}×`)
    console.log(`\nload average (1/5/15 min): start ${load0.map((l) => l.toFixed(2)).join(' ')}, end ${load1.map((l) => l.toFixed(2)).join(' ')}`)
    console.log(`machine: ${machine()}`)
  } finally {
    agent.destroy()
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))))
  }

  interface Stream {
    /** Resolves with the time the marker first arrives on this stream. */
    watch(marker: string): Promise<number>
    lastDataAt: number
    close(): void
  }

  /** Opens `count` streams, `concurrency` at a time, each resolved at its first frame. */
  async function openMany(base: string, url: string, cookieList: string[], count: number, concurrency: number) {
    const out: Stream[] = []
    let next = 0
    const worker = async () => {
      while (next < count) {
        const i = next++
        out.push(await openStream(base, url, cookieList[i % cookieList.length]!))
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
    return out
  }

  function openStream(base: string, url: string, cookie: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${base}${url}`, { agent, headers: { accept: 'text/event-stream', ...(cookie ? { cookie } : {}) } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`${base}${url} answered ${res.statusCode}`))
        res.setEncoding('utf8')
        let tail = ''
        let opened = false
        let waiting: { marker: string; resolve: (t: number) => void } | null = null
        const stream: Stream = {
          lastDataAt: performance.now(),
          watch: (marker) =>
            new Promise<number>((r) => {
              tail = ''
              waiting = { marker, resolve: r }
            }),
          close: () => req.destroy(),
        }
        res.on('data', (chunk: string) => {
          const now = performance.now()
          stream.lastDataAt = now
          if (!opened && chunk.includes('\n\n')) {
            opened = true
            resolve(stream)
          }
          if (!waiting) return
          const text = tail + chunk
          if (text.includes(waiting.marker)) {
            const w = waiting
            waiting = null
            w.resolve(now)
          } else tail = text.slice(-waiting.marker.length)
        })
        res.on('error', () => undefined)
      })
      req.on('error', reject)
    })
  }

  /** `count` GET requests at once, each read to its end. */
  async function getMany(base: string, url: string, cookieList: string[], count: number) {
    await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise<void>((resolve, reject) => {
            const req = http.get(`${base}${url}`, { agent, headers: { cookie: cookieList[i % cookieList.length]! } }, (res) => {
              if (res.statusCode !== 200) return reject(new Error(`${base}${url} answered ${res.statusCode}`))
              res.resume().on('end', resolve)
            })
            req.on('error', reject)
          }),
      ),
    )
  }

  /** Waits until no stream has received anything for `ms`. */
  async function quiet(streams: Stream[], ms: number) {
    for (;;) {
      const last = Math.max(...streams.map((s) => s.lastDataAt))
      const wait = last + ms - performance.now()
      if (wait <= 0) return
      await sleep(wait)
    }
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer))
}
