import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { isPrivateAddress } from '../../src/lib/outbound.ts'
import { runEscalationStep } from '../../src/services/handoffs/run-escalation-step.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate } from '../support/fixtures.ts'
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver.ts'

/**
 * Outgoing webhooks against a real HTTP receiver: a delivery per event and webhook, sent
 * as a job, signed, retried with backoff on 5xx and timeouts, never on 4xx except 429, and
 * logged. Retries are short here (WEBHOOK_RETRY_BASE_MS=1000); pg-boss looks for due jobs
 * every 2 s, so an attempt runs up to 2 s after its time.
 */
const BASE_MS = 1000
const TIMEOUT_MS = 5000

async function seededSession(prisma: Database['prisma'], title: string) {
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const session = await prisma.chatSession.create({
    data: { organizationId: jamie.organizationId, createdById: jamie.id, title, messages: { create: [{ role: 'user', authorId: jamie.id, content: title }] } },
  })
  return session.id
}

/** The receiver's side of the signature: recompute the HMAC of "<t>.<raw body>" and compare. */
function verifySignature(header: string | string[] | undefined, raw: Buffer, secret: string) {
  const parts = Object.fromEntries(String(header).split(',').map((p) => p.split('=') as [string, string]))
  const expected = createHmac('sha256', secret).update(`${parts.t}.${raw.toString('utf8')}`).digest('hex')
  return { valid: parts.v1 === expected, ageS: Math.abs(Date.now() / 1000 - Number(parts.t)) }
}

async function createWebhook(t: TestApp, cookie: string, body: object) {
  return t.app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie }, payload: body })
}

const deliveriesOf = async (t: TestApp, cookie: string, webhookId: string) =>
  (await t.app.inject({ url: `/api/webhooks/${webhookId}/deliveries`, headers: { cookie } })).json().deliveries as Array<{
    id: string; event: string; status: string; attempts: number; last_status_code: number | null; last_error: string | null
  }>

describe('webhook deliveries', () => {
  let t: TestApp
  let receiver: HttpReceiver
  let admin: string
  beforeAll(async () => {
    receiver = await startHttpReceiver((path, n) => {
      if (path === '/flaky') return n < 2 ? { status: 500, body: 'upstream down' } : { status: 200 }
      if (path === '/slow') return n < 1 ? 'hang' : { status: 204 }
      if (path === '/bad') return { status: 400, body: 'no such channel' }
      if (path === '/busy') return n < 1 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 200 }
      if (path === '/down') return { status: 503 }
      return { status: 200, body: 'ok' }
    })
    t = await buildTestApp({
      OUTBOUND_ALLOW_PRIVATE: 'true',
      // Not much shorter: the embedded database runs on this thread and can hold the loop a while.
      OUTBOUND_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_RETRY_BASE_MS: String(BASE_MS),
      PUBLIC_URL: 'https://rf.example.com',
    })
    admin = await t.login('morgan')
  })
  afterAll(async () => {
    await t?.close()
    await receiver?.close()
  })

  it('sends each event to each webhook taking it, in its format, signed with its secret', { timeout: 30_000 }, async () => {
    const hooks: Record<string, { id: string; secret: string }> = {}
    for (const kind of ['json', 'teams', 'slack'] as const) {
      const res = await createWebhook(t, admin, { url: `${receiver.url}/${kind}`, kind, events: ['handoff_created', 'handoff_claimed', 'handoff_unclaimed_widened'] })
      expect(res.statusCode).toBe(201)
      expect(res.json().webhook).toMatchObject({ url: `${receiver.url}/${kind}`, kind, secret: expect.stringMatching(/^whsec_[0-9a-f]{48}$/) })
      hooks[kind] = res.json().webhook
    }
    const claimedOnly = (await createWebhook(t, admin, { url: `${receiver.url}/claims`, kind: 'json', events: ['handoff_claimed'] })).json().webhook
    // The secret is shown once: the list leaves it out.
    const listed = (await t.app.inject({ url: '/api/webhooks', headers: { cookie: admin } })).json().webhooks
    expect(listed.map((w: { kind: string }) => w.kind)).toEqual(['json', 'teams', 'slack', 'json'])
    expect(listed.every((w: object) => !('secret' in w))).toBe(true)

    const prisma = t.app.db.prisma
    const sessionId = await seededSession(prisma, 'Scanner cannot reach the SMB share')
    const handoff = (await escalate(t, await t.login('jamie'), sessionId, { note: 'Checked the credentials twice' })).json()
    await runEscalationStep({ prisma, bus: t.app.bus, jobs: t.app.jobs, notify: t.app.notify.settings }, { handoffId: handoff.id, step: 'widen' })
    expect((await claim(t, await t.login('sam'), handoff.id)).statusCode).toBe(200)
    await t.app.jobs.idle()

    const link = `https://rf.example.com/chat/${sessionId}?pickup=true`
    for (const kind of ['json', 'teams', 'slack'] as const) {
      // Deliveries are independent jobs: they may arrive in any order.
      const order = ['handoff_created', 'handoff_unclaimed_widened', 'handoff_claimed']
      const got = receiver.on(`/${kind}`).sort((a, b) => order.indexOf(String(a.headers['resolutionflow-event'])) - order.indexOf(String(b.headers['resolutionflow-event'])))
      expect(got.map((r) => r.headers['resolutionflow-event'])).toEqual(order)
      for (const r of got) {
        expect(r.method).toBe('POST')
        expect(r.headers['content-type']).toBe('application/json')
        expect(verifySignature(r.headers['resolutionflow-signature'], r.raw, hooks[kind]!.secret)).toEqual({ valid: true, ageS: expect.any(Number) })
        expect(verifySignature(r.headers['resolutionflow-signature'], r.raw, hooks[kind]!.secret).ageS).toBeLessThan(60)
        // Signed with this webhook's secret, not another's.
        expect(verifySignature(r.headers['resolutionflow-signature'], r.raw, claimedOnly.secret).valid).toBe(false)
      }
      const first = JSON.parse(got[0]!.raw.toString())
      if (kind === 'json') {
        expect(first).toMatchObject({
          id: got[0]!.headers['resolutionflow-delivery'],
          type: 'handoff_created',
          data: { link, handoff: { id: handoff.id, session_id: sessionId, handed_off_by: { name: 'Jamie Rivera' }, note: 'Checked the credentials twice', status: 'pending' } },
        })
        expect(JSON.parse(got[2]!.raw.toString()).data.handoff).toMatchObject({ status: 'claimed', claimed_by: { name: 'Sam Patel' }, claim_option: 'continue' })
      } else if (kind === 'teams') {
        expect(first).toMatchObject({
          '@type': 'MessageCard',
          '@context': 'https://schema.org/extensions',
          title: 'Jamie Rivera escalated "Scanner cannot reach the SMB share"',
          text: 'Note: Checked the credentials twice',
          potentialAction: [{ '@type': 'OpenUri', targets: [{ os: 'default', uri: link }] }],
        })
      } else {
        expect(first.text).toBe(`Jamie Rivera escalated "Scanner cannot reach the SMB share" ${link}`)
        expect(first.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Jamie Rivera escalated "Scanner cannot reach the SMB share"*\nNote: Checked the credentials twice' } })
        expect(first.blocks[1].elements[0]).toMatchObject({ type: 'button', url: link })
      }
    }
    expect(receiver.on('/claims').map((r) => r.headers['resolutionflow-event'])).toEqual(['handoff_claimed'])
    const log = await deliveriesOf(t, admin, hooks.json!.id)
    expect(log.map((d) => [d.event, d.status, d.attempts, d.last_status_code])).toEqual([
      ['handoff_claimed', 'succeeded', 1, 200],
      ['handoff_unclaimed_widened', 'succeeded', 1, 200],
      ['handoff_created', 'succeeded', 1, 200],
    ])
    for (const { id } of Object.values(hooks)) expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${id}`, headers: { cookie: admin } })).statusCode).toBe(204)
    await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${claimedOnly.id}`, headers: { cookie: admin } })
  })

  /** A test delivery to `path`, and the attempts the receiver saw once it settled. */
  async function deliverTo(path: string, until: (status: string) => boolean = (s) => s !== 'pending') {
    const hook = (await createWebhook(t, admin, { url: `${receiver.url}${path}`, kind: 'json', events: ['handoff_created'] })).json().webhook
    const sent = await t.app.inject({ method: 'POST', url: `/api/webhooks/${hook.id}/test`, headers: { cookie: admin } })
    expect(sent.statusCode).toBe(202)
    expect(sent.json().delivery).toMatchObject({ event: 'test', status: 'pending', attempts: 0 })
    const id = sent.json().delivery.id as string
    await expect.poll(async () => (await deliveriesOf(t, admin, hook.id))[0]!.status, { timeout: 20_000, interval: 100 }).toSatisfy(until)
    const attempts = receiver.on(path)
    // Every attempt carries the same delivery id and body, each signed afresh.
    expect(new Set(attempts.map((r) => r.headers['resolutionflow-delivery']))).toEqual(new Set([id]))
    expect(new Set(attempts.map((r) => r.raw.toString())).size).toBe(1)
    for (const r of attempts) expect(verifySignature(r.headers['resolutionflow-signature'], r.raw, hook.secret).valid).toBe(true)
    return { hook, id, attempts, log: (await deliveriesOf(t, admin, hook.id))[0]! }
  }

  const gaps = (attempts: { at: number }[]) => attempts.slice(1).map((r, i) => r.at - attempts[i]!.at)

  /** When each retry job of a delivery was scheduled for, after the attempt before it. */
  async function scheduledDelays(deliveryId: string) {
    const rows = await t.app.db.sql.query<{ attempt: number; delay_ms: number }>(
      `SELECT (data->>'attempt')::int AS attempt, (extract(epoch FROM start_after - created_on) * 1000)::int AS delay_ms
         FROM pgboss.job WHERE name = 'deliver-webhook' AND data->>'delivery_id' = $1 ORDER BY 1`,
      [deliveryId],
    )
    return rows.filter((r) => r.attempt > 0).map((r) => r.delay_ms)
  }

  it('retries a 500 with exponential backoff until it succeeds, and logs each attempt', { timeout: 30_000 }, async () => {
    const { id, attempts, log } = await deliverTo('/flaky')
    expect(attempts).toHaveLength(3)
    expect(log).toMatchObject({ status: 'succeeded', attempts: 3, last_status_code: 200, last_error: null })
    const [first, second] = gaps(attempts)
    expect(first).toBeGreaterThanOrEqual(BASE_MS - 50)
    expect(second).toBeGreaterThanOrEqual(2 * BASE_MS - 50)
    const delays = await scheduledDelays(id)
    expect(delays).toHaveLength(2)
    expect(delays[0]).toBeGreaterThanOrEqual(BASE_MS - 50)
    expect(delays[0]).toBeLessThan(BASE_MS + 500)
    expect(delays[1]).toBeGreaterThanOrEqual(2 * BASE_MS - 50)
    expect(delays[1]).toBeLessThan(2 * BASE_MS + 500)
  })

  it('retries after a timeout', { timeout: 30_000 }, async () => {
    const { attempts, log } = await deliverTo('/slow')
    expect(attempts).toHaveLength(2)
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(BASE_MS + TIMEOUT_MS - 50)
    expect(log).toMatchObject({ status: 'succeeded', attempts: 2, last_status_code: 204 })
  })

  it('does not retry a 400: the delivery fails at once with the answer in the log', { timeout: 30_000 }, async () => {
    const { attempts, log } = await deliverTo('/bad')
    expect(attempts).toHaveLength(1)
    expect(log).toMatchObject({ status: 'failed', attempts: 1, last_status_code: 400, last_error: 'HTTP 400: no such channel' })
    await t.app.jobs.idle()
    expect(receiver.on('/bad')).toHaveLength(1)
  })

  it('waits as long as a 429 says in Retry-After, then delivers', { timeout: 30_000 }, async () => {
    const { attempts, log } = await deliverTo('/busy')
    expect(attempts).toHaveLength(2)
    expect(gaps(attempts)[0]).toBeGreaterThanOrEqual(3000 - 50)
    expect(log).toMatchObject({ status: 'succeeded', attempts: 2, last_status_code: 200 })
  })

  it('gives up on 5xx once the event is 24 h old, and says so', { timeout: 30_000 }, async () => {
    const hook = (await createWebhook(t, admin, { url: `${receiver.url}/down`, kind: 'slack', events: ['handoff_created'] })).json().webhook
    const { id } = (await t.app.inject({ method: 'POST', url: `/api/webhooks/${hook.id}/test`, headers: { cookie: admin } })).json().delivery
    await expect.poll(async () => (await deliveriesOf(t, admin, hook.id))[0]!.attempts, { timeout: 10_000, interval: 50 }).toBe(1)
    expect((await deliveriesOf(t, admin, hook.id))[0]).toMatchObject({ status: 'pending', last_status_code: 503, last_error: 'HTTP 503' })
    // The event is now a day old: the next failure is the last.
    await t.app.db.prisma.webhookDelivery.update({ where: { id }, data: { createdAt: new Date(Date.now() - 24 * 60 * 60 * 1000) } })
    await expect.poll(async () => (await deliveriesOf(t, admin, hook.id))[0]!.status, { timeout: 10_000, interval: 100 }).toBe('failed')
    expect((await deliveriesOf(t, admin, hook.id))[0]).toMatchObject({ attempts: 2, last_status_code: 503, last_error: expect.stringContaining('gave up') })
  })

  it('delivers nothing for a rolled-back event, and nothing to a deleted webhook', { timeout: 30_000 }, async () => {
    const path = '/deleted'
    const hook = (await createWebhook(t, admin, { url: `${receiver.url}${path}`, kind: 'json', events: ['handoff_created'] })).json().webhook
    expect((await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}`, headers: { cookie: admin } })).statusCode).toBe(204)
    const sessionId = await seededSession(t.app.db.prisma, 'Wi-Fi drops in meeting room B')
    expect((await escalate(t, await t.login('jamie'), sessionId)).statusCode).toBe(201)
    await t.app.jobs.idle()
    expect(receiver.on(path)).toHaveLength(0)
  })
})

describe('webhook administration and the private-address guard', () => {
  let t: TestApp
  let receiver: HttpReceiver
  let cookies: Record<'morgan' | 'sam' | 'jamie' | 'priya', string>
  beforeAll(async () => {
    receiver = await startHttpReceiver()
    t = await buildTestApp()
    cookies = { morgan: await t.login('morgan'), sam: await t.login('sam'), jamie: await t.login('jamie'), priya: await t.login('priya') }
  })
  afterAll(async () => {
    await t?.close()
    await receiver?.close()
  })

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'URL_NOT_ALLOWED'],
    ['http://10.0.0.1/', 'URL_NOT_ALLOWED'],
    ['http://127.0.0.1:9/', 'URL_NOT_ALLOWED'],
    ['http://localhost/', 'URL_NOT_ALLOWED'],
    ['http://[::1]/', 'URL_NOT_ALLOWED'],
    ['http://[::ffff:192.168.1.1]/', 'URL_NOT_ALLOWED'],
    ['ftp://example.com/', 'VALIDATION_FAILED'],
    ['not a url', 'VALIDATION_FAILED'],
  ])('refuses %s by default (%s) and stores nothing', async (url, code) => {
    const admin = cookies.morgan
    const res = await createWebhook(t, admin, { url, kind: 'json', events: ['handoff_created'] })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code })
    expect(await t.app.db.prisma.webhook.count()).toBe(0)
  })

  it('rejects bad input naming the field', async () => {
    const admin = cookies.morgan
    for (const [body, field] of [
      [{ url: 'https://hooks.example.com/x', kind: 'discord', events: ['handoff_created'] }, 'kind'],
      [{ url: 'https://hooks.example.com/x', kind: 'json', events: [] }, 'events'],
      [{ url: 'https://hooks.example.com/x', kind: 'json', events: ['session_resolved'] }, 'events'],
    ] as const) {
      const res = await createWebhook(t, admin, body)
      expect(res.statusCode).toBe(400)
      expect(JSON.stringify(res.json())).toContain(field)
    }
  })

  it('checks every delivery too: a stored loopback URL is refused when sent, and logged', { timeout: 20_000 }, async () => {
    const admin = cookies.morgan
    const org = await t.app.db.prisma.organization.findFirstOrThrow({ where: { slug: 'acme-msp' } })
    // As if the host had resolved to a public address when it was saved.
    const hook = await t.app.db.prisma.webhook.create({ data: { organizationId: org.id, url: `${receiver.url}/x`, kind: 'json', events: ['handoff_created'], secret: 's' } })
    expect((await t.app.inject({ method: 'POST', url: `/api/webhooks/${hook.id}/test`, headers: { cookie: admin } })).statusCode).toBe(202)
    await t.app.jobs.idle()
    expect(receiver.requests).toHaveLength(0)
    expect((await deliveriesOf(t, admin, hook.id))[0]).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('non-public') })
    await t.app.db.prisma.webhook.delete({ where: { id: hook.id } })
  })

  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.0.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true])
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect([a, isPrivateAddress(a)]).toEqual([a, false])
  })

  it('authorization: admins of the organization only; another organization’s webhook is 404; signed out is 401', async () => {
    const org = await t.app.db.prisma.organization.findFirstOrThrow({ where: { slug: 'acme-msp' } })
    const hook = await t.app.db.prisma.webhook.create({ data: { organizationId: org.id, url: 'https://hooks.example.com/a', kind: 'json', events: ['handoff_created'], secret: 's' } })
    const routes = (id: string) => [
      { method: 'GET', url: '/api/webhooks', ok: 200 },
      // A public IP literal: no DNS needed to accept it.
      { method: 'POST', url: '/api/webhooks', ok: 201, payload: { url: 'https://93.184.216.34/hook', kind: 'json', events: ['handoff_created'] } },
      { method: 'GET', url: `/api/webhooks/${id}/deliveries`, ok: 200, own: true },
      { method: 'POST', url: `/api/webhooks/${id}/test`, ok: 202, own: true },
      { method: 'DELETE', url: `/api/webhooks/${id}`, ok: 204, own: true },
    ] as const
    const table: Array<[string, string, number]> = []
    for (const r of routes(hook.id)) {
      for (const [who, cookie] of [...Object.entries(cookies), ['signed out', '']] as const) {
        if (who === 'morgan' && r.method === 'DELETE') continue
        const res = await t.app.inject({ method: r.method, url: r.url, headers: cookie ? { cookie } : {}, ...('payload' in r ? { payload: r.payload } : {}) })
        table.push([`${r.method} ${r.url.replace(hook.id, ':id')}`, who, res.statusCode])
      }
    }
    const expected = routes(':id').flatMap((r) => [
      ...(r.method === 'DELETE' ? [] : [[`${r.method} ${r.url}`, 'morgan', r.ok]]),
      [`${r.method} ${r.url}`, 'sam', 403],
      [`${r.method} ${r.url}`, 'jamie', 403],
      // Priya is an admin of Globex: Acme's webhook does not exist for her.
      [`${r.method} ${r.url}`, 'priya', 'own' in r ? 404 : r.ok],
      [`${r.method} ${r.url}`, 'signed out', 401],
    ])
    expect(table).toEqual(expected)
    const del = await t.app.inject({ method: 'DELETE', url: `/api/webhooks/${hook.id}`, headers: { cookie: cookies.morgan } })
    expect(del.statusCode).toBe(204)
    expect(await t.app.db.prisma.webhook.count({ where: { id: hook.id } })).toBe(0)
    // Globex's admin sees only Globex's: the one she created above.
    const globex = (await t.app.inject({ url: '/api/webhooks', headers: { cookie: cookies.priya } })).json().webhooks
    expect(globex.map((w: { url: string }) => w.url)).toEqual(['https://93.184.216.34/hook'])
  })
})
