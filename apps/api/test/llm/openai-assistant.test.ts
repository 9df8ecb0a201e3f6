import { APIError } from 'openai'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Assessment } from '@resolutionflow/shared/handoffs.ts'
import { LlmError, type AssessmentInput, type ConversationInput } from '../../src/llm/assistant.ts'
import { createOpenAiAssistant, type OpenAiAssistantOptions } from '../../src/llm/openai-assistant.ts'
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.ts'

let server: FakeOpenAiServer

beforeEach(async () => {
  server = await startFakeOpenAiServer()
})
afterEach(async () => {
  await server.close()
})

function assistant(options: Partial<OpenAiAssistantOptions> = {}) {
  return createOpenAiAssistant({ apiKey: 'test-key', baseURL: server.baseURL, model: 'fake-model', maxRetries: 0, ...options })
}

const conversation: ConversationInput = {
  title: 'Printer offline at reception',
  messages: [
    { role: 'user', content: 'The reception printer shows offline for everyone since this morning.', authorName: 'Jamie Rivera' },
    { role: 'assistant', content: 'Let us check the spooler first.' },
    { role: 'user', content: 'Restarted the spooler, still offline.', authorName: 'Jamie Rivera' },
  ],
  taskLane: [
    { title: 'Restart the print spooler', detail: 'Restart-Service Spooler', status: 'done' },
    { title: 'Check the printer IP', detail: 'ping it', status: 'skipped' },
    { title: 'Print a test page', detail: 'From printer properties', status: 'todo' },
  ],
}

const assessmentInput: AssessmentInput = {
  ...conversation,
  escalatedBy: 'Jamie Rivera',
  similar: [],
  note: 'Client is a dental practice, reception cannot print invoices.',
}

const validAssessment: Assessment = {
  summary_prose: 'Reception printer offline for all users; spooler restart did not help.',
  what_we_know: ['Offline for everyone since this morning', 'Spooler restarted without effect'],
  likely_cause: 'The printer changed IP address after a DHCP renewal.',
  suggested_steps: ['Check the printer IP', 'Print a test page'],
  confidence: 'medium',
}

async function rejection(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to reject')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LlmError)
  return error as LlmError
}

describe('reply()', () => {
  it('streams the deltas in order and returns the full text', async () => {
    const text = 'The printer probably changed its IP address. Check the port configuration next.'
    server.enqueue({ kind: 'stream', text, chunkSize: 5 })
    const deltas: string[] = []

    const reply = await assistant().reply(conversation, { onDelta: (d) => deltas.push(d) })

    expect(reply.text).toBe(text)
    expect(reply.steps).toEqual([])
    expect(deltas.length).toBe(Math.ceil(text.length / 5))
    expect(deltas.join('')).toBe(text)
    expect(deltas[0]).toBe('The p')
  })

  it('sends the conversation, the task lane with statuses and a strict propose_steps tool', async () => {
    server.enqueue({ kind: 'stream', text: 'ok' })
    await assistant().reply(conversation)

    expect(server.requests).toHaveLength(1)
    const { body, headers } = server.requests[0]!
    expect(headers.authorization).toBe('Bearer test-key')
    expect(body.model).toBe('fake-model')
    expect(body.stream).toBe(true)

    const [system, ...turns] = body.messages
    expect(system.role).toBe('system')
    expect(system.content).toContain('[done] Restart the print spooler')
    expect(system.content).toContain('[skipped] Check the printer IP')
    expect(system.content).toContain('[todo] Print a test page')
    expect(turns).toEqual(conversation.messages.map((m) => ({ role: m.role, content: m.content })))

    expect(body.tools).toHaveLength(1)
    const tool = body.tools[0]
    expect(tool.type).toBe('function')
    expect(tool.function.name).toBe('propose_steps')
    expect(tool.function.strict).toBe(true)
    expect(tool.function.parameters.additionalProperties).toBe(false)
    expect(tool.function.parameters.required).toEqual(['steps'])
    const step = tool.function.parameters.properties.steps.items
    expect(step.additionalProperties).toBe(false)
    expect(step.required).toEqual(['title', 'detail'])
  })

  it('turns the streamed propose_steps arguments into steps', async () => {
    const steps = [
      { title: 'Verify the port IP', detail: 'Printer properties → Ports → Configure Port' },
      { title: 'Disable SNMP status', detail: 'Untick SNMP Status Enabled' },
    ]
    server.enqueue({ kind: 'stream', text: 'Two more checks.', steps, chunkSize: 7 })

    const reply = await assistant().reply(conversation)

    expect(reply.text).toBe('Two more checks.')
    expect(reply.steps).toEqual(steps)
  })

  it('drops proposed steps that are already in the task lane', async () => {
    server.enqueue({
      kind: 'stream',
      text: 'Next:',
      steps: [
        { title: 'Restart the Print Spooler.', detail: 'again' },
        { title: 'Check the port IP', detail: 'Configure Port' },
      ],
    })
    const reply = await assistant().reply(conversation)
    expect(reply.steps).toEqual([{ title: 'Check the port IP', detail: 'Configure Port' }])
  })

  it.each([
    ['not JSON', '{"steps": [{"title": "Unfinished'],
    ['wrong shape', JSON.stringify({ steps: [{ name: 'no title here' }] })],
    ['empty title', JSON.stringify({ steps: [{ title: '  ', detail: 'x' }] })],
  ])('keeps the text but proposes no steps when the tool arguments are invalid (%s)', async (_case, args) => {
    server.enqueue({ kind: 'stream', text: 'Here is what I think.', toolArguments: args })
    const reply = await assistant().reply(conversation)
    expect(reply).toEqual({ text: 'Here is what I think.', steps: [] })
  })

  it('writes a short message when the model only calls the tool', async () => {
    server.enqueue({ kind: 'stream', text: '', steps: [{ title: 'Check the port IP', detail: 'x' }] })
    const deltas: string[] = []
    const reply = await assistant().reply(conversation, { onDelta: (d) => deltas.push(d) })
    expect(reply.text).toBe("I've added 1 step to the task lane.")
    expect(deltas.join('')).toBe(reply.text)
  })

  it('rejects an empty reply (no text, no steps) with INVALID_OUTPUT', async () => {
    server.enqueue({ kind: 'stream', text: '' })
    expect((await rejection(assistant().reply(conversation))).code).toBe('INVALID_OUTPUT')
  })

  it('rejects with TIMEOUT when the server does not answer within timeoutMs', async () => {
    server.enqueue({ kind: 'hang' })
    const started = Date.now()
    const error = await rejection(assistant({ timeoutMs: 200 }).reply(conversation))
    expect(error.code).toBe('TIMEOUT')
    expect(Date.now() - started).toBeLessThan(2_000)
    await server.waitForDisconnect(0)
  })

  it('rejects with TIMEOUT when the stream stalls, after delivering what arrived', async () => {
    server.enqueue({ kind: 'stream', text: 'abcdefghijklmnop', chunkSize: 4, hangAfterChunks: 2 })
    const deltas: string[] = []
    const error = await rejection(assistant({ timeoutMs: 500 }).reply(conversation, { onDelta: (d) => deltas.push(d) }))
    expect(error.code).toBe('TIMEOUT')
    expect(deltas).toEqual(['abcd', 'efgh'])
    await server.waitForDisconnect(0)
  })

  it('rejects with UPSTREAM and the SDK error as cause on HTTP 500', async () => {
    server.enqueue({ kind: 'status', status: 500, body: { error: { message: 'model overloaded', type: 'server_error' } } })
    const error = await rejection(assistant().reply(conversation))
    expect(error.code).toBe('UPSTREAM')
    expect(error.cause).toBeInstanceOf(APIError)
    expect((error.cause as APIError).status).toBe(500)
    expect(error.message).toContain('500')
    expect(server.requests).toHaveLength(1)
  })

  it('rejects with UPSTREAM when the server is unreachable', async () => {
    const url = server.baseURL
    await server.close()
    const error = await rejection(
      createOpenAiAssistant({ apiKey: 'k', baseURL: url, model: 'm', maxRetries: 0 }).reply(conversation),
    )
    expect(error.code).toBe('UPSTREAM')
    expect(error.cause).toBeInstanceOf(APIError)
    server = await startFakeOpenAiServer() // for afterEach
  })

  it('lets the SDK retry a 500 and succeeds on the second attempt', async () => {
    server.enqueue(
      // retry-after-ms keeps the SDK's backoff short in the test.
      { kind: 'status', status: 500, headers: { 'retry-after-ms': '20' } },
      { kind: 'stream', text: 'Recovered.' },
    )
    const reply = await assistant({ maxRetries: 2 }).reply(conversation)
    expect(reply.text).toBe('Recovered.')
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]!.headers['x-stainless-retry-count']).toBe('1')
    expect(server.requests[1]!.body).toEqual(server.requests[0]!.body)
  })

  it('rejects with ABORTED mid-stream, keeps the partial text delivered, and the server sees the disconnect', async () => {
    const text = 'one two three four five six seven eight nine ten'
    server.enqueue({ kind: 'stream', text, chunkSize: 4, chunkDelayMs: 15 })
    const controller = new AbortController()
    const deltas: string[] = []

    const error = await rejection(
      assistant().reply(conversation, {
        signal: controller.signal,
        onDelta: (d) => {
          deltas.push(d)
          if (deltas.length === 2) controller.abort()
        },
      }),
    )

    expect(error.code).toBe('ABORTED')
    expect(deltas).toEqual(['one ', 'two '])
    await server.waitForDisconnect(0)
    expect(server.requests[0]!.clientDisconnected).toBe(true)
  })

  it('rejects with ABORTED while waiting for the response to start', async () => {
    server.enqueue({ kind: 'hang' })
    const controller = new AbortController()
    const pending = assistant({ timeoutMs: 10_000 }).reply(conversation, { signal: controller.signal })
    await server.waitForRequest(0)
    controller.abort()
    const error = await rejection(pending)
    expect(error.code).toBe('ABORTED')
    await server.waitForDisconnect(0)
  })

  it('trims an over-long history to the token budget, keeping the newest turns', async () => {
    // 61 turns of ~110 tokens, oldest first, ending with a user turn.
    const messages = Array.from({ length: 61 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `message ${i}: ${'details '.repeat(50)}`,
    }))
    server.enqueue({ kind: 'stream', text: 'ok' })
    await assistant({ maxContextTokens: 1_500 }).reply({ ...conversation, messages })

    const sent: Array<{ role: string; content: string }> = server.requests[0]!.body.messages
    expect(sent[0]!.role).toBe('system')
    expect(sent[1]!.role).toBe('system')
    const omitted = Number(/^\[(\d+) earlier messages omitted\]$/.exec(sent[1]!.content)?.[1])
    const kept = sent.slice(2)
    expect(omitted).toBeGreaterThan(0)
    expect(kept.length).toBeGreaterThan(3)
    expect(omitted + kept.length).toBe(61)
    expect(kept).toEqual(messages.slice(61 - kept.length))
    expect(JSON.stringify(sent).length / 4).toBeLessThan(1_700)
  })
})

describe('assess()', () => {
  it('makes exactly one strict json_schema request and returns the answer as sent', async () => {
    server.enqueue({ kind: 'json', content: JSON.stringify(validAssessment) })

    const result = await assistant().assess(assessmentInput)

    expect(result).toEqual(validAssessment)
    expect(server.requests).toHaveLength(1)
    const { body } = server.requests[0]!
    expect(body.stream).toBeUndefined()
    expect(body.tools).toBeUndefined()
    expect(body.response_format.type).toBe('json_schema')
    const { name, strict, schema } = body.response_format.json_schema
    expect(name).toBe('handoff_assessment')
    expect(strict).toBe(true)
    expect(schema.type).toBe('object')
    expect(schema.additionalProperties).toBe(false)
    expect(schema.required).toEqual(['summary_prose', 'what_we_know', 'likely_cause', 'suggested_steps', 'confidence'])
    expect(schema.properties.confidence.enum).toEqual(['low', 'medium', 'high'])
    expect(schema.properties.what_we_know.items.type).toBe('string')
    // Keywords strict mode rejects are stripped (the limits move into the description).
    expect(JSON.stringify(schema)).not.toMatch(/"(minLength|maxLength|maxItems|\$schema)"/)
    expect(schema.properties.summary_prose.description).toContain('at most 4000 characters')
  })

  it('sends the note, who escalated, the task lane and the transcript', async () => {
    server.enqueue({ kind: 'json', content: JSON.stringify(validAssessment) })
    await assistant().assess(assessmentInput)

    const [system, user] = server.requests[0]!.body.messages
    expect(system.role).toBe('system')
    expect(user.role).toBe('user')
    expect(user.content).toContain('Escalated by: Jamie Rivera')
    expect(user.content).toContain('Their note: Client is a dental practice')
    expect(user.content).toContain('[skipped] Check the printer IP')
    expect(user.content).toContain('Jamie Rivera: Restarted the spooler, still offline.')
    expect(user.content).toContain('Assistant: Let us check the spooler first.')
  })

  it('does not retry: one failing call is one request (HTTP 500 → UPSTREAM)', async () => {
    server.enqueue({ kind: 'status', status: 500 }, { kind: 'json', content: JSON.stringify(validAssessment) })
    const error = await rejection(assistant({ maxRetries: 3 }).assess(assessmentInput))
    expect(error.code).toBe('UPSTREAM')
    expect(server.requests).toHaveLength(1)
  })

  it('rejects malformed JSON with INVALID_OUTPUT', async () => {
    server.enqueue({ kind: 'json', content: '{"summary_prose": "cut off' })
    const error = await rejection(assistant().assess(assessmentInput))
    expect(error.code).toBe('INVALID_OUTPUT')
    expect(error.cause).toBeInstanceOf(SyntaxError)
    expect(server.requests).toHaveLength(1)
  })

  it('rejects JSON that violates the schema with INVALID_OUTPUT', async () => {
    server.enqueue({ kind: 'json', content: JSON.stringify({ ...validAssessment, confidence: 'maybe' }) })
    const error = await rejection(assistant().assess(assessmentInput))
    expect(error.code).toBe('INVALID_OUTPUT')
    expect(error.message).toContain('confidence')
  })

  it('rejects an answer cut off at the token limit with INVALID_OUTPUT', async () => {
    server.enqueue({ kind: 'json', content: JSON.stringify(validAssessment), finishReason: 'length' })
    const error = await rejection(assistant().assess(assessmentInput))
    expect(error.code).toBe('INVALID_OUTPUT')
  })

  it('rejects with TIMEOUT when the answer does not come in time', async () => {
    server.enqueue({ kind: 'slow', delayMs: 1_000, then: { kind: 'json', content: JSON.stringify(validAssessment) } })
    const error = await rejection(assistant({ timeoutMs: 150 }).assess(assessmentInput))
    expect(error.code).toBe('TIMEOUT')
    expect(server.requests).toHaveLength(1)
  })

  it('rejects with ABORTED when the caller aborts', async () => {
    server.enqueue({ kind: 'hang' })
    const controller = new AbortController()
    const pending = assistant().assess(assessmentInput, { signal: controller.signal })
    await server.waitForRequest(0)
    controller.abort()
    expect((await rejection(pending)).code).toBe('ABORTED')
    await server.waitForDisconnect(0)
  })

  it('fits a long conversation into the token budget, keeping the newest turns', async () => {
    const messages = Array.from({ length: 40 }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `turn-${i} ${'x'.repeat(400)}`,
    }))
    server.enqueue({ kind: 'json', content: JSON.stringify(validAssessment) })
    await assistant({ maxContextTokens: 2_000 }).assess({ ...assessmentInput, messages })

    const user: string = server.requests[0]!.body.messages[1].content
    expect(user).toMatch(/\[\d+ earlier messages omitted\]/)
    expect(user).toContain('turn-39 ')
    expect(user).toContain('turn-38 ')
    expect(user).not.toContain('turn-0 ')
    expect(user).toContain('Their note: Client is a dental practice')
    expect(user.length / 4).toBeLessThan(2_000)
  })
})
