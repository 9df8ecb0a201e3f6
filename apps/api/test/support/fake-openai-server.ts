import { EventEmitter, once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A real HTTP server speaking the OpenAI chat-completions API, for tests and benchmarks that drive
 * the real `openai` SDK. Each request to `POST /v1/chat/completions` takes the next scripted
 * scenario from the queue (or the fallback) and is recorded, so tests can assert what was sent.
 *
 * A reply scenario (`stream` or `json`) is sent as SSE chunks when the request asked for
 * `stream: true`, and as one JSON completion otherwise.
 */

export interface FakeStep {
  title: string
  detail: string
}

export type FakeScenario =
  /** Assistant prose, plus optionally a `propose_steps` tool call. */
  | {
      kind: 'stream'
      text: string
      /** Characters per streamed content/argument chunk (default 8). */
      chunkSize?: number
      steps?: FakeStep[]
      /** Sent verbatim as the tool call's arguments instead of `steps` (e.g. invalid JSON). */
      toolArguments?: string
      /** Pause between chunks. */
      chunkDelayMs?: number
      /** Send this many content/argument chunks, then go silent with the connection open (a stalled stream). */
      hangAfterChunks?: number
    }
  /** The message content verbatim (so malformed or schema-violating output can be sent). */
  | { kind: 'json'; content: string; finishReason?: 'stop' | 'length' }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'slow'; delayMs: number; then: FakeScenario }
  /** Never answers; the request stays open until the client gives up. */
  | { kind: 'hang' }

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The parsed JSON body (or the raw text when it was not JSON). */
  body: any
  /** The client closed the connection before the response was complete (abort, timeout). */
  clientDisconnected: boolean
  /**
   * `performance.now()` right after the first streamed chunk after the role-only opener (the
   * first text, or the tool call when there is none) was handed to the socket; unset until
   * then. Benchmarks measure the app's added latency from here.
   */
  firstContentWrittenAt?: number
}

export type ScenarioSource = FakeScenario | ((request: RecordedRequest) => FakeScenario)

export interface FakeOpenAiServer {
  /** e.g. `http://127.0.0.1:54321` */
  url: string
  /** `${url}/v1`: what the SDK takes as `baseURL`. */
  baseURL: string
  requests: RecordedRequest[]
  /** Queues scenarios, one per request, in order. */
  enqueue(...scenarios: ScenarioSource[]): void
  /** Resolves once request `index` (default: the next one) has been received in full. */
  waitForRequest(index?: number, timeoutMs?: number): Promise<RecordedRequest>
  /** Resolves once the client has disconnected from request `index` (default: the latest). */
  waitForDisconnect(index?: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

export interface FakeOpenAiServerOptions {
  /** Used when the queue is empty; without it such a request gets a 400 that names the problem. */
  fallback?: ScenarioSource
}

export async function startFakeOpenAiServer(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const queue: ScenarioSource[] = []
  const requests: RecordedRequest[] = []
  const disconnects = new Map<RecordedRequest, Promise<void>>()
  const arrivals = new EventEmitter()

  const server = createServer(async (req, res) => {
    const text = await readBody(req)
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: parseJson(text),
      clientDisconnected: false,
    }
    requests.push(record)
    arrivals.emit('request')
    disconnects.set(
      record,
      new Promise((resolve) =>
        res.on('close', () => {
          if (!res.writableFinished) {
            record.clientDisconnected = true
            resolve()
          }
        }),
      ),
    )

    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendJson(res, 404, { error: { message: `fake server: no route ${req.method} ${req.url}`, type: 'not_found' } })
    }
    const source = queue.shift() ?? options.fallback
    if (!source) {
      return sendJson(res, 400, { error: { message: 'fake server: no scenario queued', type: 'invalid_request_error' } })
    }
    await play(typeof source === 'function' ? source(record) : source, record, res)
  })

  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    enqueue: (...scenarios) => void queue.push(...scenarios),
    async waitForRequest(index = requests.length, timeoutMs = 2_000) {
      const arrived = new Promise<void>((resolve) => {
        const check = () => {
          if (requests.length <= index) return
          arrivals.off('request', check)
          resolve()
        }
        arrivals.on('request', check)
        check()
      })
      await withTimeout(arrived, timeoutMs, `fake server: request #${index} did not arrive`)
      return requests[index]!
    },
    async waitForDisconnect(index = requests.length - 1, timeoutMs = 2_000) {
      const record = requests[index]
      if (!record) throw new Error(`fake server: no request #${index}`)
      await withTimeout(disconnects.get(record)!, timeoutMs, `fake server: request #${index} still connected`)
    },
    async close() {
      // Hanging requests would otherwise keep close() waiting forever.
      server.closeAllConnections()
      server.close()
      await once(server, 'close')
    },
  }
}

async function play(scenario: FakeScenario, record: RecordedRequest, res: ServerResponse): Promise<void> {
  switch (scenario.kind) {
    case 'hang':
      return
    case 'slow':
      await delay(scenario.delayMs)
      if (record.clientDisconnected) return
      return play(scenario.then, record, res)
    case 'status':
      res.writeHead(scenario.status, { 'content-type': 'application/json', ...scenario.headers })
      res.end(JSON.stringify(scenario.body ?? { error: { message: `fake server: HTTP ${scenario.status}`, type: 'server_error' } }))
      return
    case 'json':
    case 'stream': {
      const reply = toReply(scenario)
      if (record.body?.stream === true) return streamReply(reply, scenario, record, res)
      return sendJson(res, 200, completion(record, reply))
    }
  }
}

interface Reply {
  content: string
  toolArguments: string | null
  finishReason: 'stop' | 'length' | 'tool_calls'
}

function toReply(scenario: Extract<FakeScenario, { kind: 'json' | 'stream' }>): Reply {
  if (scenario.kind === 'json') return { content: scenario.content, toolArguments: null, finishReason: scenario.finishReason ?? 'stop' }
  const toolArguments = scenario.toolArguments ?? (scenario.steps ? JSON.stringify({ steps: scenario.steps }) : null)
  return { content: scenario.text, toolArguments, finishReason: toolArguments === null ? 'stop' : 'tool_calls' }
}

const CREATED = 1_700_000_000

function completion(record: RecordedRequest, reply: Reply) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: CREATED,
    model: record.body?.model ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content,
          refusal: null,
          ...(reply.toolArguments !== null && {
            tool_calls: [{ id: 'call_fake', type: 'function', function: { name: 'propose_steps', arguments: reply.toolArguments } }],
          }),
        },
        finish_reason: reply.finishReason,
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  }
}

async function streamReply(
  reply: Reply,
  scenario: Extract<FakeScenario, { kind: 'json' | 'stream' }>,
  record: RecordedRequest,
  res: ServerResponse,
): Promise<void> {
  const size = (scenario.kind === 'stream' && scenario.chunkSize) || 8
  const chunkDelayMs = scenario.kind === 'stream' ? (scenario.chunkDelayMs ?? 0) : 0
  const hangAfter = scenario.kind === 'stream' ? scenario.hangAfterChunks : undefined
  const chunk = (delta: object, finishReason: string | null = null) => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: record.body?.model ?? 'fake-model',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  })

  const chunks: object[] = [chunk({ role: 'assistant', content: '' })]
  for (const piece of slices(reply.content, size)) chunks.push(chunk({ content: piece }))
  if (reply.toolArguments !== null) {
    chunks.push(chunk({ tool_calls: [{ index: 0, id: 'call_fake', type: 'function', function: { name: 'propose_steps', arguments: '' } }] }))
    for (const piece of slices(reply.toolArguments, size)) {
      chunks.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }))
    }
  }
  chunks.push(chunk({}, reply.finishReason))

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
  for (const [i, data] of chunks.entries()) {
    // Chunk 0 is the role-only opener, so `hangAfterChunks: 2` still delivers two pieces of text.
    if (hangAfter !== undefined && i > hangAfter) return
    if (record.clientDisconnected) return
    res.write(`data: ${JSON.stringify(data)}\n\n`)
    // Chunk 0 is the role-only opener; chunk 1 is the first one a client has something to show for.
    if (i === 1 && record.firstContentWrittenAt === undefined) record.firstContentWrittenAt = performance.now()
    if (chunkDelayMs) await delay(chunkDelayMs)
  }
  res.end('data: [DONE]\n\n')
}

function slices(text: string, size: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  return Buffer.concat(parts).toString('utf8')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

async function withTimeout(promise: Promise<void>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  await Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
