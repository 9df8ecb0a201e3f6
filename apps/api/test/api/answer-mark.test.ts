import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANSWER_MARK_RENEW_MS, ANSWER_MARK_STALE_MS } from '../../src/lib/answer-mark.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { waitFor } from '../support/wait-for.ts'

/**
 * The "someone is answering this question" mark (Message.answeringSince) against a crash:
 * a live reply renews it, a dead process's mark goes stale in seconds, not minutes.
 * The offline assistant streams one chunk a second here, so a reply outlives a renewal.
 */
let t: TestApp
let cookie: string
let base: string

beforeAll(async () => {
  t = await buildTestApp({ OFFLINE_STREAM_DELAY_MS: '1000' })
  cookie = await t.login('jamie')
  base = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => t?.close())

async function newSession() {
  const res = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie }, payload: { title: 'Marks' } })
  return res.json().session.id as string
}

/** What a process that died mid-reply leaves behind: the question, marked `ago` ms ago, and no answer. */
async function questionLeftBy(sessionId: string, ago: number) {
  return t.app.db.prisma.message.create({
    data: { sessionId, role: 'user', authorId: (await t.app.db.prisma.user.findFirstOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })).id, content: 'The reception printer shows offline on every PC.', answeringSince: new Date(Date.now() - ago) },
  })
}

/** Opens a streamed Retry and returns its status as soon as the answer starts (then stops it). */
async function retryStatus(sessionId: string) {
  const stop = new AbortController()
  const res = await fetch(`${base}/api/sessions/${sessionId}/reply`, {
    method: 'POST',
    headers: { cookie, accept: 'text/event-stream' },
    signal: stop.signal,
  })
  const body = res.status === 200 ? null : await res.json()
  stop.abort()
  return { status: res.status, body }
}

describe('the answering mark', () => {
  it('uses a stale window of seconds, renewed well inside it', () => {
    expect(ANSWER_MARK_STALE_MS).toBeLessThanOrEqual(30_000)
    expect(ANSWER_MARK_RENEW_MS * 3).toBeLessThanOrEqual(ANSWER_MARK_STALE_MS)
  })

  it('left by a dead process is retryable once it is older than the window', async () => {
    const sessionId = await newSession()
    await questionLeftBy(sessionId, ANSWER_MARK_STALE_MS + 1_000)
    const started = Date.now()
    expect(await retryStatus(sessionId)).toEqual({ status: 200, body: null })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('still inside the window refuses Retry with 409 REPLY_IN_PROGRESS', async () => {
    const sessionId = await newSession()
    await questionLeftBy(sessionId, ANSWER_MARK_STALE_MS - 10_000)
    expect(await retryStatus(sessionId)).toEqual({
      status: 409,
      body: { code: 'REPLY_IN_PROGRESS', message: 'The assistant is still answering this message' },
    })
  })

  it('is renewed while a reply streams, so a live reply never looks dead', async () => {
    const sessionId = await newSession()
    const stop = new AbortController()
    const res = await fetch(`${base}/api/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: { cookie, accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'The reception printer shows offline on every PC since this morning.' }),
      signal: stop.signal,
    })
    expect(res.status).toBe(200)
    try {
      const question = await waitFor('the question to be stored', () => t.app.db.prisma.message.findFirst({ where: { sessionId, role: 'user' } }))
      const renewed = await waitFor(
        'the mark to be renewed',
        async () => {
          const row = await t.app.db.prisma.message.findUniqueOrThrow({ where: { id: question.id } })
          return row.answeringSince && row.answeringSince.getTime() > question.answeringSince!.getTime() + ANSWER_MARK_RENEW_MS / 2 ? row : null
        },
        ANSWER_MARK_RENEW_MS + 5_000,
      )
      expect(Date.now() - renewed.answeringSince!.getTime()).toBeLessThan(ANSWER_MARK_STALE_MS)
      // Meanwhile the question is not up for grabs.
      expect((await retryStatus(sessionId)).status).toBe(409)
    } finally {
      stop.abort()
    }
    // However it ended, the mark is released.
    await waitFor('the mark to be cleared', async () => {
      const row = await t.app.db.prisma.message.findFirstOrThrow({ where: { sessionId, role: 'user' } })
      return row.answeringSince === null
    }, 10_000)
  }, 30_000)
})
