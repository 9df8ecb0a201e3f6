import type { TestApp } from './app.ts'

/** A session of the user's with one exchange with the assistant (so it has a task lane). */
export async function sessionWithChat(t: TestApp, cookie: string, content = 'The reception printer shows offline on every PC.') {
  const created = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie }, payload: {} })
  const sessionId = created.json().session.id as string
  const sent = await t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/messages`, headers: { cookie }, payload: { content } })
  if (sent.statusCode !== 201) throw new Error(`message failed: ${sent.statusCode} ${sent.body}`)
  return sessionId
}

export async function escalate(t: TestApp, cookie: string, sessionId: string, body: object = {}, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/sessions/${sessionId}/handoffs`, headers: { cookie, ...headers }, payload: body })
}

export async function claim(t: TestApp, cookie: string, handoffId: string, option = 'continue') {
  return t.app.inject({ method: 'POST', url: `/api/handoffs/${handoffId}/claim`, headers: { cookie }, payload: { option } })
}
