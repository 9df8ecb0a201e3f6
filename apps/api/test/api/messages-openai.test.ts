import type { Assessment } from '@resolutionflow/shared/handoffs.ts'
import { SendMessageResponseSchema, type SendMessageResponse } from '@resolutionflow/shared/sessions.ts'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from '../../src/llm/context-budget.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { parseChatStream, readChatStream, streamedText, type ChatStreamRecord } from '../support/chat-stream.ts'
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeScenario, type RecordedRequest } from '../support/fake-openai-server.ts'
import { waitFor } from '../support/wait-for.ts'

/**
 * The chat through the OpenAI-compatible path: the real `openai` SDK inside the real app,
 * against the fake OpenAI-compatible server. LLM_TIMEOUT_MS is 1 s so stalls fail fast.
 */

const LLM_TIMEOUT_MS = 1_000
/** What openai-assistant.ts sends at most by default (DEFAULT_MAX_CONTEXT_TOKENS). */
const MAX_CONTEXT_TOKENS = 6_000

const assessment: Assessment = {
  summary_prose: 'Printer offline for everyone.',
  what_we_know: ['Offline since this morning'],
  likely_cause: 'Spooler',
  suggested_steps: ['Restart the spooler'],
  confidence: 'low',
}

let server: FakeOpenAiServer
let t: TestApp
let cookie: string
let baseUrl: string
beforeAll(async () => {
  server = await startFakeOpenAiServer({
    // The seeded escalation's assessment is written at boot through the same server; a chat
    // request that finds no scenario queued gets a 418, which the SDK does not retry.
    fallback: (request) =>
      request.body?.response_format
        ? { kind: 'json', content: JSON.stringify(assessment) }
        : { kind: 'status', status: 418, body: { error: { message: 'fake server: no chat scenario queued' } } },
  })
  t = await buildTestApp({
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: server.baseURL,
    LLM_MODEL: 'fake-model',
    LLM_TIMEOUT_MS: String(LLM_TIMEOUT_MS),
  })
  await t.app.jobs.idle()
  cookie = await t.login('jamie')
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await t?.close()
  await server?.close()
})

const chatRequests = () => server.requests.filter((r) => r.body?.stream === true)

/** Runs `work` and returns the chat requests the fake server received meanwhile. */
async function chatRequestsDuring(work: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const before = chatRequests().length
  await work()
  return chatRequests().slice(before)
}

async function newSession(): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie }, payload: {} })
  expect(res.statusCode).toBe(201)
  return res.json().session.id
}

const post = (sessionId: string, content: string, streamed = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/sessions/${sessionId}/messages`,
    headers: { cookie, ...(streamed && { accept: 'text/event-stream' }) },
    payload: { content },
  })

async function send(sessionId: string, content: string, scenario: FakeScenario): Promise<SendMessageResponse> {
  server.enqueue(scenario)
  const res = await post(sessionId, content)
  expect(res.statusCode).toBe(201)
  return SendMessageResponseSchema.parse(res.json())
}

const storedMessages = (sessionId: string) =>
  t.app.db.prisma.message.findMany({ where: { sessionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })

const REPLY = 'A printer that is offline for every PC points at the printer or the print server. Check its IP first.'
const STEPS = [
  { title: 'Ping the printer from PRINT01', detail: 'ping 10.0.20.45' },
  { title: 'Check the port on PRINT01', detail: 'Printer properties → Ports → Configure Port' },
  { title: 'Restart the spooler on PRINT01', detail: 'Restart-Service Spooler' },
]
const PROBLEM = 'The reception printer shows offline on every PC since this morning.'

describe('the reply through the openai SDK', () => {
  it('stores the streamed prose and the steps of its tool call, and sends the model what it needs', async () => {
    const sessionId = await newSession()
    let body!: SendMessageResponse
    const [request] = await chatRequestsDuring(async () => {
      body = await send(sessionId, PROBLEM, { kind: 'stream', text: REPLY, chunkSize: 7, steps: STEPS })
    })

    expect(body.assistant_message).toMatchObject({ role: 'assistant', content: REPLY, incomplete: false, author: null })
    expect(body.task_lane.map((task) => [task.title, task.detail, task.status])).toEqual(STEPS.map((s) => [s.title, s.detail, 'todo']))
    expect((await storedMessages(sessionId)).map((m) => [m.role, m.content, m.incomplete])).toEqual([
      ['user', PROBLEM, false],
      ['assistant', REPLY, false],
    ])
    const tasks = await t.app.db.prisma.taskItem.findMany({ where: { sessionId }, orderBy: { position: 'asc' } })
    expect(tasks.map((row) => [row.id, row.title])).toEqual(body.task_lane.map((task) => [task.id, task.title]))

    expect(request!.headers.authorization).toBe('Bearer test-key')
    expect(request!.body).toMatchObject({ model: 'fake-model', stream: true, tools: [{ type: 'function', function: { name: 'propose_steps' } }] })
    const messages = request!.body.messages as Array<{ role: string; content: string }>
    expect(messages[0]!.role).toBe('system')
    expect(messages[0]!.content).toContain('Task lane: empty')
    expect(messages.at(-1)).toEqual({ role: 'user', content: PROBLEM })
  })

  it("passes the provider's chunks through as deltas, in order", async () => {
    const sessionId = await newSession()
    server.enqueue({ kind: 'stream', text: REPLY, chunkSize: 5 })
    const res = await post(sessionId, PROBLEM, true)
    expect(res.statusCode).toBe(200)
    const events = parseChatStream(res.body)

    expect(events.map((e) => e.event)).toEqual(['user_message', ...Array(Math.ceil(REPLY.length / 5)).fill('delta'), 'done'])
    const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text)
    expect(deltas.slice(0, 3)).toEqual([REPLY.slice(0, 5), REPLY.slice(5, 10), REPLY.slice(10, 15)])
    expect(streamedText(events)).toBe(REPLY)
    expect(events.at(-1)!.data.assistant_message.content).toBe(REPLY)
    expect((await storedMessages(sessionId)).at(-1)!.content).toBe(REPLY)
  })

  it('shows the model the task-lane statuses on later turns, and adds only the steps not in the lane', async () => {
    const sessionId = await newSession()
    const first = await send(sessionId, PROBLEM, { kind: 'stream', text: REPLY, steps: STEPS })
    const [ping, port, spooler] = first.task_lane
    for (const [task, status] of [[ping!, 'done'], [port!, 'skipped']] as const) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${sessionId}/tasks/${task.id}`, headers: { cookie }, payload: { status } })
      expect(res.statusCode).toBe(200)
    }

    let second!: SendMessageResponse
    const [request] = await chatRequestsDuring(async () => {
      second = await send(sessionId, 'Ping works, I have no rights on PRINT01.', {
        kind: 'stream',
        text: 'Then the port is the next suspect.',
        // The same steps again (other case and punctuation) plus one new one.
        steps: [{ title: 'ping the printer from print01.', detail: 'again' }, { title: 'Print a test page', detail: 'From PRINT01' }],
      })
    })
    const system = request!.body.messages[0].content as string
    expect(system).toContain(`[done] ${ping!.title}`)
    expect(system).toContain(`[skipped] ${port!.title}`)
    expect(system).toContain(`[todo] ${spooler!.title}`)
    expect(request!.body.messages.slice(1)).toEqual([
      { role: 'user', content: PROBLEM },
      { role: 'assistant', content: REPLY },
      { role: 'user', content: 'Ping works, I have no rights on PRINT01.' },
    ])

    expect(second.task_lane.map((task) => [task.title, task.status])).toEqual([
      [ping!.title, 'done'],
      [port!.title, 'skipped'],
      [spooler!.title, 'todo'],
      ['Print a test page', 'todo'],
    ])
    expect(await t.app.db.prisma.taskItem.count({ where: { sessionId } })).toBe(4)
  })
})

describe('when the model server fails', () => {
  const failing: FakeScenario = { kind: 'status', status: 500, headers: { 'retry-after-ms': '1' } }

  it('answers 502 LLM_UNAVAILABLE once the retries are spent, and keeps the user message', async () => {
    const sessionId = await newSession()
    server.enqueue(failing, failing, failing)
    let res!: Awaited<ReturnType<typeof post>>
    const requests = await chatRequestsDuring(async () => {
      res = await post(sessionId, PROBLEM)
    })
    expect(res.statusCode).toBe(502)
    expect(res.json()).toEqual({ code: 'LLM_UNAVAILABLE', message: 'The assistant is unavailable right now. Try again in a moment.' })
    // One request and the SDK's two retries; the fourth would have found no scenario (418).
    expect(requests).toHaveLength(3)
    expect((await storedMessages(sessionId)).map((m) => [m.role, m.content])).toEqual([['user', PROBLEM]])
    expect(await t.app.db.prisma.taskItem.count({ where: { sessionId } })).toBe(0)
  })

  it('ends the stream with an error event, and keeps the user message', async () => {
    const sessionId = await newSession()
    server.enqueue(failing, failing, failing)
    const res = await post(sessionId, PROBLEM, true)
    expect(res.statusCode).toBe(200)
    const events = parseChatStream(res.body)
    expect(events.map((e) => e.event)).toEqual(['user_message', 'error'])
    expect(events[1]!.data).toEqual({ code: 'LLM_UNAVAILABLE', message: 'The assistant is unavailable right now. Try again in a moment.' })
    const stored = await storedMessages(sessionId)
    expect(stored.map((m) => [m.id, m.role])).toEqual([[events[0]!.data.message.id, 'user']])
  })

  it('keeps what was said, marked incomplete, when the stream stalls mid-reply', async () => {
    const sessionId = await newSession()
    server.enqueue({ kind: 'stream', text: REPLY, chunkSize: 6, steps: STEPS, hangAfterChunks: 2 })
    const started = performance.now()
    const res = await post(sessionId, PROBLEM, true)
    const events = parseChatStream(res.body)

    expect(events.map((e) => e.event)).toEqual(['user_message', 'delta', 'delta', 'error'])
    expect(events[3]!.data).toEqual({ code: 'LLM_UNAVAILABLE', message: 'The assistant took too long to answer. Try again.' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(LLM_TIMEOUT_MS - 50)
    // The app hung up on the stalled provider rather than leaving the request open.
    await server.waitForDisconnect(server.requests.indexOf(chatRequests().at(-1)!))

    const stored = await storedMessages(sessionId)
    expect(stored.map((m) => [m.role, m.content, m.incomplete])).toEqual([
      ['user', PROBLEM, false],
      ['assistant', REPLY.slice(0, 12), true],
    ])
    expect(await t.app.db.prisma.taskItem.count({ where: { sessionId } })).toBe(0)
  })
})

describe('POST /api/sessions/:id/reply (Retry after a failed reply)', () => {
  const failing: FakeScenario = { kind: 'status', status: 500, headers: { 'retry-after-ms': '1' } }
  const retry = (sessionId: string, streamed = false, as = cookie) =>
    t.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/reply`,
      headers: { cookie: as, ...(streamed && { accept: 'text/event-stream' }) },
    })

  it('answers the stored question again without storing it twice, after a cut-off reply', async () => {
    const sessionId = await newSession()
    server.enqueue({ kind: 'stream', text: REPLY, chunkSize: 6, steps: STEPS, hangAfterChunks: 2 })
    expect(parseChatStream((await post(sessionId, PROBLEM, true)).body).at(-1)!.event).toBe('error')

    server.enqueue({ kind: 'stream', text: REPLY, chunkSize: 20, steps: STEPS })
    let res!: Awaited<ReturnType<typeof retry>>
    const [request] = await chatRequestsDuring(async () => {
      res = await retry(sessionId, true)
    })
    const events = parseChatStream(res.body)
    expect(events.map((e) => e.event)).toEqual(['user_message', ...Array(Math.ceil(REPLY.length / 20)).fill('delta'), 'done'])
    expect(streamedText(events)).toBe(REPLY)
    // The model is asked the question again, not shown its own cut-off sentence as the last turn.
    expect(request!.body.messages.at(-1)).toMatchObject({ role: 'user', content: expect.stringContaining(PROBLEM) })
    expect(JSON.stringify(request!.body.messages)).not.toContain(REPLY.slice(0, 12))
    const stored = await storedMessages(sessionId)
    expect(events[0]!.data.message.id).toBe(stored[0]!.id)
    expect(stored.map((m) => [m.role, m.content, m.incomplete])).toEqual([
      ['user', PROBLEM, false],
      ['assistant', REPLY.slice(0, 12), true],
      ['assistant', REPLY, false],
    ])
    expect((await t.app.db.prisma.taskItem.findMany({ where: { sessionId } })).map((task) => task.title).toSorted()).toEqual(
      STEPS.map((step) => step.title).toSorted(),
    )
  })

  it('lets only one of two retries at once ask the model; the other gets 409 before any stream opens', async () => {
    const sessionId = await newSession()
    server.enqueue(failing, failing, failing)
    expect((await post(sessionId, PROBLEM)).statusCode).toBe(502)

    server.enqueue({ kind: 'slow', delayMs: 300, then: { kind: 'stream', text: REPLY, chunkSize: 50, steps: [] } })
    let answers!: Array<Awaited<ReturnType<typeof retry>>>
    const requests = await chatRequestsDuring(async () => {
      answers = await Promise.all([retry(sessionId, true), retry(sessionId, true)])
    })
    expect(requests).toHaveLength(1)
    const refused = answers.find((a) => a.statusCode === 409)!
    expect(refused.json()).toEqual({ code: 'REPLY_IN_PROGRESS', message: 'The assistant is still answering this message' })
    expect(parseChatStream(answers.find((a) => a.statusCode === 200)!.body).at(-1)!.event).toBe('done')
    expect((await storedMessages(sessionId)).map((m) => [m.role, m.incomplete])).toEqual([
      ['user', false],
      ['assistant', false],
    ])
    // Answered now: a further retry is refused, and the question is free of its mark.
    expect((await retry(sessionId)).json().code).toBe('ALREADY_ANSWERED')
    expect((await storedMessages(sessionId))[0]!.answeringSince).toBeNull()
  })

  it('answers 201 with the reply without a stream, after a failed one', async () => {
    const sessionId = await newSession()
    server.enqueue(failing, failing, failing)
    expect((await post(sessionId, PROBLEM)).statusCode).toBe(502)

    server.enqueue({ kind: 'stream', text: REPLY, chunkSize: 50, steps: [] })
    const res = await retry(sessionId)
    expect(res.statusCode).toBe(201)
    const body = SendMessageResponseSchema.parse(res.json())
    expect(body.user_message.content).toBe(PROBLEM)
    expect(body.assistant_message).toMatchObject({ role: 'assistant', content: REPLY, incomplete: false })
    expect((await storedMessages(sessionId)).map((m) => m.role)).toEqual(['user', 'assistant'])
  })

  it('refuses with a plain 409, even when a stream was asked for, when there is nothing to answer or it is answered', async () => {
    const empty = await newSession()
    const nothing = await retry(empty, true)
    expect(nothing.statusCode).toBe(409)
    expect(nothing.json()).toEqual({ code: 'NOTHING_TO_ANSWER', message: expect.any(String) })

    const answered = await newSession()
    await send(answered, PROBLEM, { kind: 'stream', text: REPLY, chunkSize: 50, steps: [] })
    const requests = await chatRequestsDuring(async () => {
      const res = await retry(answered)
      expect(res.statusCode).toBe(409)
      expect(res.json()).toEqual({ code: 'ALREADY_ANSWERED', message: 'The assistant already answered the latest message' })
    })
    expect(requests).toHaveLength(0)
    expect(await t.app.db.prisma.message.count({ where: { sessionId: answered } })).toBe(2)
  })

  it("answers 404 for another organization's session and 401 without a session cookie", async () => {
    const sessionId = await newSession()
    const res = await retry(sessionId, false, await t.login('alex'))
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
    expect((await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/reply` })).statusCode).toBe(401)
    expect(await t.app.db.prisma.message.count({ where: { sessionId } })).toBe(0)
  })
})

describe('a client that goes away mid-reply', () => {
  /** Starts a streamed reply over HTTP and aborts it once `deltas` deltas have arrived. */
  async function streamAndAbort(sessionId: string, deltas: number) {
    const abort = new AbortController()
    const res = await fetch(`${baseUrl}/api/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: { cookie, accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ content: PROBLEM }),
      signal: abort.signal,
    })
    expect(res.status).toBe(200)
    const received: ChatStreamRecord[] = []
    const reading = readChatStream(res.body!, (event) => {
      received.push(event)
      if (received.filter((e) => e.event === 'delta').length === deltas) abort.abort()
    })
    await expect(reading).rejects.toThrow(/abort/i)
    return received
  }

  const incompleteReply = (sessionId: string) =>
    waitFor('the incomplete reply to be stored', () =>
      t.app.db.prisma.message.findFirst({ where: { sessionId, role: 'assistant', incomplete: true } }),
    )

  it('hangs up on a hanging provider at once and stores the partial reply as incomplete', async () => {
    const sessionId = await newSession()
    server.enqueue({ kind: 'stream', text: REPLY, chunkSize: 8, steps: STEPS, hangAfterChunks: 3 })
    const received = await streamAndAbort(sessionId, 3)

    expect(received.map((e) => e.event)).toEqual(['user_message', 'delta', 'delta', 'delta'])
    // Well within LLM_TIMEOUT_MS: the client's disconnect, not the stall timer, ended the upstream request.
    await server.waitForDisconnect(server.requests.indexOf(chatRequests().at(-1)!), LLM_TIMEOUT_MS / 2)

    const stored = await incompleteReply(sessionId)
    expect(stored.content).toBe(REPLY.slice(0, 24))
    expect(streamedText(received)).toBe(stored.content)
    const detail = await t.app.inject({ url: `/api/sessions/${sessionId}`, headers: { cookie } })
    expect(detail.json().messages.map((m: { role: string; incomplete: boolean }) => [m.role, m.incomplete])).toEqual([
      ['user', false],
      ['assistant', true],
    ])
    expect(detail.json().task_lane).toEqual([])
  })

  it('stops a slow stream that would otherwise run to the end', async () => {
    const sessionId = await newSession()
    const text = REPLY.repeat(4)
    // 50 chunks 50 ms apart: about 2.5 s if nobody stops it.
    server.enqueue({ kind: 'stream', text, chunkSize: 8, chunkDelayMs: 50 })
    const received = await streamAndAbort(sessionId, 2)
    await server.waitForDisconnect(server.requests.indexOf(chatRequests().at(-1)!), 1_000)

    const stored = await incompleteReply(sessionId)
    expect(stored.content.startsWith(streamedText(received))).toBe(true)
    expect(text.startsWith(stored.content)).toBe(true)
    expect(stored.content.length).toBeLessThan(text.length)
  })
})

describe('the token budget', () => {
  it('sends a long session as a bounded request: the prompt, a marker, the newest turns', async () => {
    const prisma = t.app.db.prisma
    const sessionId = await newSession()
    const jamie = await prisma.user.findFirstOrThrow({ where: { name: 'Jamie Rivera' } })
    const start = Date.now() - 3_600_000
    const HISTORY = 300
    await prisma.message.createMany({
      data: Array.from({ length: HISTORY }, (_, i) => ({
        sessionId,
        role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
        authorId: i % 2 === 0 ? jamie.id : null,
        content: `Turn ${i}: ${'event log line; '.repeat(125)}`,
        createdAt: new Date(start + i * 1_000),
      })),
    })

    const [request] = await chatRequestsDuring(() => send(sessionId, 'What should I try next?', { kind: 'stream', text: 'Check the port.' }))
    const messages = request!.body.messages as Array<{ role: string; content: string }>
    const tokens = messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0)
    expect(tokens).toBeLessThanOrEqual(MAX_CONTEXT_TOKENS)
    // Without the budget the history alone would be about 150k tokens.
    expect(JSON.stringify(request!.body).length).toBeLessThan(MAX_CONTEXT_TOKENS * 5)

    expect(messages[0]!.role).toBe('system')
    const omitted = Number(/^\[(\d+) earlier messages omitted\]$/.exec(messages[1]!.content)?.[1])
    expect(messages[1]!.role).toBe('system')
    expect(omitted).toBeGreaterThan(HISTORY / 2)
    const kept = messages.slice(2)
    expect(omitted + kept.length).toBe(HISTORY + 1)
    expect(kept.at(-1)).toEqual({ role: 'user', content: 'What should I try next?' })
    expect(kept.at(-2)!.content).toMatch(/^Turn 299: /)
    expect(kept[0]!.content).toMatch(new RegExp(`^Turn ${HISTORY - kept.length + 1}: `))

    // The budget bounds what is sent, not what is kept.
    expect(await prisma.message.count({ where: { sessionId } })).toBe(HISTORY + 2)
  })
})
