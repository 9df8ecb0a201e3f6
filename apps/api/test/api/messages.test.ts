import { SendMessageResponseSchema, type SendMessageResponse } from '@resolutionflow/shared/sessions.ts'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAYBOOKS } from '../../src/llm/playbooks.ts'
import { normalizeStepTitle } from '../../src/llm/task-lane.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { parseChatStream, readChatStream, streamedText, type ChatStreamRecord } from '../support/chat-stream.ts'

/** The chat with the offline assistant (the default without OPENAI_API_KEY). */

let t: TestApp
let cookie: string
let jamieId: string
beforeAll(async () => {
  t = await buildTestApp()
  cookie = await t.login('jamie')
  jamieId = (await t.app.db.prisma.user.findFirstOrThrow({ where: { name: 'Jamie Rivera' } })).id
})
afterAll(() => t?.close())

const printer = PLAYBOOKS.find((p) => p.id === 'printer')!
const PRINTER_PROBLEM = 'Reception HP printer shows Offline on every PC since this morning\nOther printers on the same print server work fine.'

async function newSession(title?: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie }, payload: title ? { title } : {} })
  expect(res.statusCode).toBe(201)
  return res.json().session.id
}

async function send(sessionId: string, content: string): Promise<SendMessageResponse> {
  const res = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, headers: { cookie }, payload: { content } })
  expect(res.statusCode).toBe(201)
  return SendMessageResponseSchema.parse(res.json())
}

const rows = (sessionId: string) => ({
  messages: () => t.app.db.prisma.message.findMany({ where: { sessionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  tasks: () => t.app.db.prisma.taskItem.findMany({ where: { sessionId }, orderBy: { position: 'asc' } }),
  session: () => t.app.db.prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } }),
  events: () =>
    t.app.db.prisma.event.findMany({ where: { payload: { path: ['session_id'], equals: sessionId } }, orderBy: { id: 'asc' } }),
})

describe('POST /api/sessions/:id/messages (JSON)', () => {
  it('answers 201 with both messages and the task lane, and stores them with their events', async () => {
    const sessionId = await newSession()
    const res = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, headers: { cookie }, payload: { content: `  ${PRINTER_PROBLEM}  ` } })
    expect(res.statusCode).toBe(201)
    const body = SendMessageResponseSchema.parse(res.json())

    expect(body.user_message).toEqual({
      id: expect.any(String),
      session_id: sessionId,
      role: 'user',
      author: { id: jamieId, name: 'Jamie Rivera' },
      content: PRINTER_PROBLEM,
      incomplete: false,
      answering: false,
      created_at: expect.any(String),
    })
    expect(body.assistant_message).toMatchObject({ session_id: sessionId, role: 'assistant', author: null, incomplete: false })
    expect(body.assistant_message.content).toContain(`**${printer.name}**`)
    expect(body.assistant_message.content).toContain(printer.steps[0]!.title)
    expect(body.task_lane.map((task) => [task.title, task.status, task.position])).toEqual(printer.steps.map((s, i) => [s.title, 'todo', i]))
    expect(body.task_lane[1]!.detail).toBe(printer.steps[1]!.detail)

    const r = rows(sessionId)
    const messages = await r.messages()
    expect(messages.map((m) => [m.id, m.role, m.authorId, m.content, m.incomplete])).toEqual([
      [body.user_message.id, 'user', jamieId, PRINTER_PROBLEM, false],
      [body.assistant_message.id, 'assistant', null, body.assistant_message.content, false],
    ])
    expect((await r.tasks()).map((row) => [row.id, row.title, row.status])).toEqual(body.task_lane.map((task) => [task.id, task.title, 'todo']))
    const session = await r.session()
    expect(session.lastActivityAt.toISOString()).toBe(body.assistant_message.created_at)
    expect((await r.events()).map((e) => e.type)).toEqual(['message_created', 'message_created', 'task_lane_updated'])
  })

  it('names a new session after the first line of its first message, and only then', async () => {
    const sessionId = await newSession()
    await send(sessionId, PRINTER_PROBLEM)
    // The first line is 65 characters: cut to 60 with an ellipsis, as the sidebar shows it.
    expect((await rows(sessionId).session()).title).toBe('Reception HP printer shows Offline on every PC since this…')

    const shortId = await newSession()
    await send(shortId, 'Outlook keeps asking for a password\nSince the password change on Monday.')
    expect((await rows(shortId).session()).title).toBe('Outlook keeps asking for a password')
    await send(shortId, 'Printer question now: the spooler keeps stopping.')
    expect((await rows(shortId).session()).title).toBe('Outlook keeps asking for a password')

    const detail = await t.app.inject({ url: `/api/sessions/${shortId}`, headers: { cookie } })
    expect(detail.json().session.title).toBe('Outlook keeps asking for a password')
  })

  it('keeps a title the user gave', async () => {
    const sessionId = await newSession('Dunmore Dental: reception printer')
    await send(sessionId, PRINTER_PROBLEM)
    expect((await rows(sessionId).session()).title).toBe('Dunmore Dental: reception printer')
  })

  it('does not duplicate task-lane cards when the same problem is sent again, and reads the statuses', async () => {
    const sessionId = await newSession()
    const first = await send(sessionId, PRINTER_PROBLEM)
    const [scope, spooler] = first.task_lane
    for (const [task, status] of [[scope!, 'done'], [spooler!, 'skipped']] as const) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/sessions/${sessionId}/tasks/${task.id}`, headers: { cookie }, payload: { status } })
      expect(res.statusCode).toBe(200)
    }

    const second = await send(sessionId, PRINTER_PROBLEM)
    // The first cards stay as they were (same ids, same statuses); only steps not yet proposed are added.
    expect(second.task_lane.slice(0, first.task_lane.length).map((task) => [task.id, task.status])).toEqual(
      first.task_lane.map((task, i) => [task.id, i === 0 ? 'done' : i === 1 ? 'skipped' : 'todo']),
    )
    expect(second.task_lane.length).toBeGreaterThan(first.task_lane.length)
    expect(second.assistant_message.content).toContain(`Done: "${scope!.title}"`)
    expect(second.assistant_message.content).toContain(`Skipped: "${spooler!.title}"`)

    const third = await send(sessionId, PRINTER_PROBLEM)
    expect(third.task_lane.map((task) => task.id)).toEqual(second.task_lane.map((task) => task.id))

    const stored = await rows(sessionId).tasks()
    expect(stored).toHaveLength(second.task_lane.length)
    const keys = stored.map((row) => normalizeStepTitle(row.title))
    expect(new Set(keys).size).toBe(keys.length)
    expect(stored.map((row) => row.position)).toEqual(stored.map((_, i) => i))
  })

  it('rejects a blank, missing or too long content with 400 and stores nothing', async () => {
    const sessionId = await newSession()
    for (const payload of [{ content: '' }, { content: ' \n\t ' }, {}, { content: 'x'.repeat(20_001) }]) {
      const res = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, headers: { cookie }, payload })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('body.content'),
        issues: [{ path: 'body.content', message: expect.any(String) }],
      })
    }
    expect(await rows(sessionId).messages()).toEqual([])
    expect((await rows(sessionId).session()).title).toBe('New session')
  })
})

function expectCompleteStream(events: ChatStreamRecord[]) {
  expect(events[0]!.event).toBe('user_message')
  expect(events.at(-1)!.event).toBe('done')
  const middle = events.slice(1, -1)
  expect(middle.length).toBeGreaterThan(1)
  expect(middle.every((e) => e.event === 'delta')).toBe(true)
  const done = events.at(-1)!.data as SendMessageResponse
  // The same message; by `done` it is answered, so no longer marked as being answered.
  expect(events[0]!.data.message.answering).toBe(true)
  expect(done.user_message).toEqual({ ...events[0]!.data.message, answering: false })
  expect(streamedText(events)).toBe(done.assistant_message.content)
  return done
}

describe('POST /api/sessions/:id/messages (streamed)', () => {
  it('streams user_message, the deltas and done; the deltas add up to the stored reply', async () => {
    const sessionId = await newSession()
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/messages`,
      headers: { cookie, accept: 'text/event-stream' },
      payload: { content: PRINTER_PROBLEM },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/event-stream')
    const events = parseChatStream(res.body)
    const done = expectCompleteStream(events)

    expect(events[0]!.data.message).toMatchObject({ role: 'user', content: PRINTER_PROBLEM, author: { name: 'Jamie Rivera' } })
    expect(done.assistant_message).toMatchObject({ role: 'assistant', incomplete: false })
    expect(done.task_lane.map((task) => task.title)).toEqual(printer.steps.map((s) => s.title))

    const r = rows(sessionId)
    expect((await r.messages()).map((m) => [m.id, m.content])).toEqual([
      [done.user_message.id, PRINTER_PROBLEM],
      [done.assistant_message.id, streamedText(events)],
    ])
    expect((await r.tasks()).map((row) => row.id)).toEqual(done.task_lane.map((task) => task.id))
    expect((await r.session()).title).not.toBe('New session')
  })

  it('streams over real HTTP, event by event', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const sessionId = await newSession()

    const res = await fetch(`http://127.0.0.1:${port}/api/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: { cookie, accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'VPN: GlobalProtect fails to connect from home since yesterday.' }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    const seen: string[] = []
    const events = await readChatStream(res.body!, (e) => seen.push(e.event))
    expect(seen).toEqual(events.map((e) => e.event))
    const done = expectCompleteStream(events)
    expect(done.task_lane.map((task) => task.title)).toEqual(PLAYBOOKS.find((p) => p.id === 'vpn')!.steps.map((s) => s.title))

    const stored = await rows(sessionId).messages()
    expect(stored.map((m) => m.content)).toEqual(['VPN: GlobalProtect fails to connect from home since yesterday.', streamedText(events)])
  })

  it('answers a bad body with a plain JSON 400, not a stream', async () => {
    const sessionId = await newSession()
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${sessionId}/messages`,
      headers: { cookie, accept: 'text/event-stream' },
      payload: { content: '   ' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/json')
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.content' }] })
    expect(await rows(sessionId).messages()).toEqual([])
  })
})
