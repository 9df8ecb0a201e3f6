/**
 * The time our server adds between the model provider's first byte and the browser's first byte
 * of a streamed chat reply.
 *
 * One process, loopback only: the fake OpenAI-compatible server (test/support), the real app over
 * HTTP (embedded PGlite in memory, the real `openai` SDK pointed at the fake server) and a fetch
 * client in the browser's place. For each streamed message it measures
 *
 *   (client reads the bytes of its first `delta` event) − (fake server wrote its first content chunk)
 *
 * with `performance.now()` on both sides, so the figure is the SDK's parsing, our handler, the
 * SSE framing and both loopback hops, and nothing of the database work before the model call.
 *
 *   cd apps/api && npx tsx bench/chat-first-byte.ts      (BENCH_N=500 for more samples)
 */
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import app, { serverOptions } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../src/db/seed-demo.ts'
import { startFakeOpenAiServer, type RecordedRequest } from '../test/support/fake-openai-server.ts'
import { machine, percentile } from './support.ts'

const N = Math.min(Number(process.env.BENCH_N ?? 200), 5_000)
const WARMUP = 20
const PER_MESSAGE_TIMEOUT_MS = 10_000
// A short reply in 8-character chunks 15 ms apart (a fast model): each chunk is written on its
// own turn of the event loop, as a real provider's would arrive, instead of all in one burst.
const REPLY = 'Check the printer port on the print server first, then the SNMP status setting.'
const CHUNK_SIZE = 8
const CHUNK_DELAY_MS = 15

async function main() {
  const fake = await startFakeOpenAiServer({
    fallback: (request) =>
      request.body?.response_format
        ? {
            kind: 'json',
            content: JSON.stringify({
              summary_prose: 'Benchmark.',
              what_we_know: [],
              likely_cause: 'Benchmark.',
              suggested_steps: [],
              confidence: 'low',
            }),
          }
        : { kind: 'stream', text: REPLY, chunkSize: CHUNK_SIZE, chunkDelayMs: CHUNK_DELAY_MS },
  })

  // An explicit environment, not process.env: the run is the same wherever it is started.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    DATA_DIR: 'memory://',
    SEED_DEMO: 'true',
    WEB_DIST_DIR: '/nonexistent',
    OPENAI_API_KEY: 'bench',
    OPENAI_BASE_URL: fake.baseURL,
    LLM_MODEL: 'fake-model',
    LLM_TIMEOUT_MS: '10000',
  })
  const fastify = Fastify({ ...serverOptions(config), logger: { level: config.logLevel } })
  try {
    // Unencapsulated (as the tests build it), so the enrichment decorator is reachable from here.
    await fastify.register(fp(app), { config })
    await fastify.listen({ port: 0, host: '127.0.0.1' })
    // The seeded escalation's assessment goes through the fake server at boot; let it finish first.
    await fastify.jobs.idle()
    const base = `http://127.0.0.1:${(fastify.server.address() as AddressInfo).port}`

    const cookie = await signIn(base)
    const samples: number[] = []
    const fromRequest: number[] = []
    for (let i = 0; i < WARMUP + N; i++) {
      const sample = await measureOne(base, cookie, fake.requests)
      if (i >= WARMUP) {
        samples.push(sample.added)
        fromRequest.push(sample.fromRequest)
      }
    }
    report(samples, fromRequest)
  } finally {
    await fastify.close()
    await fake.close()
  }
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_USERS.jamie.email, password: DEMO_PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rf_session='))
  if (!cookie) throw new Error('sign-in set no session cookie')
  return cookie.split(';')[0]!
}

async function measureOne(base: string, cookie: string, upstream: RecordedRequest[]) {
  const signal = AbortSignal.timeout(PER_MESSAGE_TIMEOUT_MS)
  const created = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
    signal,
  })
  if (created.status !== 201) throw new Error(`creating a session failed: ${created.status}`)
  const sessionId = ((await created.json()) as { session: { id: string } }).session.id

  const upstreamBefore = upstream.length
  const sentAt = performance.now()
  const res = await fetch(`${base}/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { cookie, accept: 'text/event-stream', 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'The reception printer shows offline on every PC.' }),
    signal,
  })
  if (res.status !== 200) throw new Error(`streamed message failed: ${res.status}`)

  const decoder = new TextDecoder()
  let text = ''
  let firstDeltaAt: number | undefined
  for await (const bytes of res.body!) {
    const at = performance.now()
    text += decoder.decode(bytes, { stream: true })
    if (firstDeltaAt === undefined && text.includes('event: delta\n')) firstDeltaAt = at
  }
  if (!text.includes('event: done\n')) throw new Error(`the reply did not complete: ${text.slice(-300)}`)

  const request = upstream.slice(upstreamBefore).find((r) => r.body?.stream === true)
  const providerFirstAt = request?.firstContentWrittenAt
  if (firstDeltaAt === undefined || providerFirstAt === undefined) throw new Error('no first delta or no upstream timestamp')
  // The delta is made from that chunk, so it cannot come first; if it does, the clocks are wrong.
  if (firstDeltaAt < providerFirstAt) throw new Error('the first delta arrived before the provider wrote its first chunk')
  return { added: firstDeltaAt - providerFirstAt, fromRequest: firstDeltaAt - sentAt }
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  // Two decimals: the figures are well under a millisecond.
  const ms = (v: number) => v.toFixed(2)
  return { p50: ms(percentile(sorted, 0.5)), p95: ms(percentile(sorted, 0.95)), p99: ms(percentile(sorted, 0.99)), max: ms(sorted.at(-1)!) }
}

function report(added: number[], fromRequest: number[]) {
  const a = summary(added)
  const r = summary(fromRequest)
  console.log(`chat first byte, ${added.length} streamed messages (after ${WARMUP} warm-up), fake provider on loopback, one process`)
  console.log(`  server-added latency (provider's first content chunk written -> client's first delta byte read)`)
  console.log(`    p50 ${a.p50} ms   p95 ${a.p95} ms   p99 ${a.p99} ms   max ${a.max} ms`)
  console.log(`  for context, client request sent -> first delta (includes storing the user message and the provider's start)`)
  console.log(`    p50 ${r.p50} ms   p95 ${r.p95} ms   p99 ${r.p99} ms   max ${r.max} ms`)
  console.log(`  machine: ${machine()}`)
  console.log(`results line: | chat first byte, server-added (provider's first chunk -> browser's first delta) | n=${added.length} | p50 ${a.p50} ms | p95 ${a.p95} ms | p99 ${a.p99} ms | max ${a.max} ms | ${machine()} |`)
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
