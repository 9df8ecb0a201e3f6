import net from 'node:net'
import { ErrorResponseSchema } from '@resolutionflow/shared/errors.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'

let t: TestApp
let base: string
let jamie: string
let morgan: string
let sessionId: string

beforeAll(async () => {
  t = await buildTestApp()
  jamie = await t.login('jamie')
  morgan = await t.login('morgan')
  sessionId = (await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie }, payload: {} })).json().session.id
  base = await t.app.listen({ port: 0, host: '127.0.0.1' })
})
afterAll(() => t?.close())

/** Sends raw bytes (what no fetch client would send) and reads the status line and body back. */
function raw(bytes: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(bytes))
    let data = ''
    socket.on('data', (chunk) => (data += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n')
      resolve({ status: Number(head.split(' ')[1]), body })
    })
  })
}

const json = (cookie: string) => ({ cookie, 'content-type': 'application/json' })

describe('bad input never gets a 5xx or a shape outside {code, message}', () => {
  const probes: Array<[string, number, () => Promise<{ status: number; body: string }>]> = [
    ['a lone low surrogate after a non-ASCII character in a title', 400, () => send('POST', '/api/sessions', json(jamie), '{"title":"金\\udc13"}')],
    ['a lone high surrogate in a message', 400, () => send('POST', `/api/sessions/${sessionId}/messages`, json(jamie), '{"content":"printer \\ud83d offline"}')],
    ['a lone surrogate in a handoff note', 400, () => send('POST', `/api/sessions/${sessionId}/handoffs`, json(jamie), '{"note":"é\\udfff"}')],
    ['a lone surrogate in an id', 400, () => send('GET', '/api/handoffs/%ED%B3%93', { cookie: jamie })],
    ['metrics for year 0000', 400, () => send('GET', '/api/metrics/escalations?from=0000-01-01T00:00:00Z&to=0000-02-01T00:00:00Z', { cookie: morgan })],
    ['metrics for year 10000', 400, () => send('GET', '/api/metrics/escalations?from=%2B010000-01-01T00:00:00Z', { cookie: morgan })],
    ['a 60 KB query string', 431, () => send('GET', `/api/sessions?q=${'a'.repeat(60_000)}`, { cookie: jamie })],
    ['a 20 KB header', 431, () => send('GET', '/api/sessions', { cookie: jamie, 'x-padding': 'b'.repeat(20_000) })],
    ['a malformed request line', 400, () => raw('GET /api/sessions HTTP/9\r\n\r\n')],
    ['an unknown /api route', 404, () => send('GET', '/api/no-such-thing', { cookie: jamie })],
    ['an unknown method on a known path', 404, () => send('DELETE', '/api/sessions', { cookie: jamie })],
    ['an XML body', 415, () => send('POST', '/api/sessions', { cookie: jamie, 'content-type': 'application/xml' }, '<title/>')],
    ['a text/plain body', 415, () => send('POST', '/api/sessions', { cookie: jamie, 'content-type': 'text/plain' }, '{"title":"x"}')],
    ['a form body', 415, () => send('POST', '/api/notifications/read-all', { cookie: jamie, 'content-type': 'application/x-www-form-urlencoded' }, 'a=b')],
    ['a body over the limit', 413, () => send('POST', '/api/sessions', json(jamie), JSON.stringify({ title: 'x'.repeat(300_000) }))],
    ['broken JSON', 400, () => send('POST', '/api/sessions', json(jamie), '{"title":')],
    ['a __proto__ key', 400, () => send('POST', '/api/sessions', json(jamie), '{"__proto__":{"admin":true}}')],
  ]

  async function send(method: string, path: string, headers: Record<string, string>, body?: string) {
    const res = await fetch(`${base}${path}`, { method, headers, body })
    return { status: res.status, body: await res.text() }
  }

  it.each(probes)('%s → %s {code, message}', async (_name, status, probe) => {
    const res = await probe()
    expect(res.status).toBe(status)
    const body = JSON.parse(res.body)
    expect(ErrorResponseSchema.safeParse(body).success, res.body).toBe(true)
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['code', 'message']))
    expect(body).not.toHaveProperty('statusCode')
    expect(body).not.toHaveProperty('error')
  })

  it('names the field that holds the unpaired surrogate, and writes nothing', async () => {
    const before = await t.app.db.prisma.chatSession.count()
    const res = await send('POST', '/api/sessions', json(jamie), '{"title":"金\\udc13"}')
    expect(JSON.parse(res.body)).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.title', message: expect.stringContaining('surrogate') }] })
    expect(await t.app.db.prisma.chatSession.count()).toBe(before)
    // A proper pair (an emoji) is fine.
    const ok = await send('POST', '/api/sessions', json(jamie), '{"title":"金 \\ud83d\\udda8"}')
    expect(ok.status).toBe(201)
    expect(JSON.parse(ok.body).session.title).toBe('金 🖨')
  })

  it('treats an empty JSON body as no body, where the body is optional', async () => {
    const created = await send('POST', '/api/sessions', json(jamie))
    expect(created.status).toBe(201)
    const fresh = JSON.parse(created.body).session.id
    await t.app.inject({ method: 'POST', url: `/api/sessions/${fresh}/messages`, headers: { cookie: jamie }, payload: { content: 'VPN drops every few minutes' } })
    const escalated = await send('POST', `/api/sessions/${fresh}/handoffs`, json(jamie))
    expect(escalated.status, escalated.body).toBe(201)
    expect(JSON.parse(escalated.body)).toMatchObject({ session_id: fresh, note: null, assessment_status: 'pending' })
    // Where a body is required, its absence is a 400 naming it.
    const claim = await send('POST', `/api/handoffs/${JSON.parse(escalated.body).id}/claim`, json(morgan))
    expect(claim.status).toBe(400)
    expect(JSON.parse(claim.body)).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('body') })
  })
})
