import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { loadVapidKeys } from '../../src/lib/vapid.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { escalate } from '../support/fixtures.ts'
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from '../support/http-receiver.ts'

/**
 * Web Push against a local HTTP endpoint standing in for the push service. The browser
 * side is played by a real P-256 key pair and auth secret, so the test decrypts what the
 * server sent (RFC 8291, aes128gcm) and verifies the VAPID JWT with the server's key.
 */
async function seededSession(prisma: Database['prisma'], title: string) {
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const session = await prisma.chatSession.create({
    data: { organizationId: jamie.organizationId, createdById: jamie.id, title, messages: { create: [{ role: 'user', authorId: jamie.id, content: title }] } },
  })
  return session.id
}

/** What a browser's PushManager.subscribe() holds: its key pair and auth secret. */
function fakeBrowser() {
  const ecdh = crypto.createECDH('prime256v1')
  ecdh.generateKeys()
  const auth = crypto.randomBytes(16)
  return {
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    /** RFC 8291 / RFC 8188: the user agent's side of aes128gcm. */
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16)
      const idLen = body[20]!
      const serverPublic = body.subarray(21, 21 + idLen)
      const ciphertext = body.subarray(21 + idLen)
      const hmac = (key: Buffer, data: Buffer) => crypto.createHmac('sha256', key).update(data).digest()
      const shared = ecdh.computeSecret(serverPublic)
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), serverPublic, Buffer.from([1])])
      const ikm = hmac(hmac(auth, shared), keyInfo)
      const prk = hmac(salt, ikm)
      const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16)
      const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12)
      const decipher = crypto.createDecipheriv('aes-128-gcm', cek, nonce)
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16))
      const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()])
      // The last record ends with the delimiter 0x02, then zero padding.
      let end = padded.length - 1
      while (padded[end] === 0) end--
      expect(padded[end]).toBe(2)
      return padded.subarray(0, end).toString('utf8')
    },
  }
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>` as a push service does; returns the JWT claims. */
function verifyVapid(req: ReceivedRequest, serverPublicKey: string) {
  const m = /^vapid t=([^,]+), k=(.+)$/.exec(String(req.headers.authorization))
  expect(m).not.toBeNull()
  const [, jwt, k] = m!
  expect(k).toBe(serverPublicKey)
  const [header, claims, signature] = jwt!.split('.') as [string, string, string]
  const point = Buffer.from(k!, 'base64url')
  const key = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
    format: 'jwk',
  })
  const valid = crypto.verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))
  expect(valid).toBe(true)
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ typ: 'JWT', alg: 'ES256' })
  return JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; exp: number; sub: string }
}

describe('Web Push', () => {
  let t: TestApp
  let service: HttpReceiver
  let cookies: Record<'jamie' | 'sam' | 'morgan' | 'priya', string>
  beforeAll(async () => {
    service = await startHttpReceiver((path) => (path.startsWith('/gone') ? { status: 410 } : path.startsWith('/unknown') ? { status: 404 } : { status: 201 }))
    t = await buildTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'https://rf.example.com', VAPID_SUBJECT: 'mailto:it@acme.example.com' })
    cookies = { jamie: await t.login('jamie'), sam: await t.login('sam'), morgan: await t.login('morgan'), priya: await t.login('priya') }
  })
  afterAll(async () => {
    await t?.close()
    await service?.close()
  })

  const subscribe = (cookie: string, endpoint: string, keys: { p256dh: string; auth: string }) =>
    t.app.inject({ method: 'POST', url: '/api/push/subscriptions', headers: { cookie, 'user-agent': 'Test Browser/1' }, payload: { endpoint, expirationTime: null, keys } })

  it('generates the VAPID key pair once and keeps it in the database', async () => {
    const res = await t.app.inject({ url: '/api/push/vapid-public-key', headers: { cookie: cookies.sam } })
    expect(res.statusCode).toBe(200)
    const key = res.json().public_key as string
    expect(Buffer.from(key, 'base64url')).toHaveLength(65)
    const stored = await t.app.db.prisma.serverSetting.findUniqueOrThrow({ where: { name: 'vapid' } })
    expect((stored.value as { publicKey: string }).publicKey).toBe(key)
    // A second start (or another replica) reads the same pair instead of making its own.
    const again = await loadVapidKeys(t.app.db.prisma, { vapid: null, vapidSubject: 'mailto:x@example.com' })
    expect(again.publicKey).toBe(key)
    // Keys given by the environment win.
    const given = await loadVapidKeys(t.app.db.prisma, { vapid: { publicKey: 'pub', privateKey: 'priv' }, vapidSubject: 'mailto:x@example.com' })
    expect(given).toEqual({ publicKey: 'pub', privateKey: 'priv', subject: 'mailto:x@example.com' })
  })

  it('pushes an encrypted, VAPID-signed message to each subscribed browser of the seniors on escalation', { timeout: 30_000 }, async () => {
    const browser = fakeBrowser()
    const res = await subscribe(cookies.sam, `${service.url}/push/sam-laptop`, browser.keys)
    expect(res.statusCode).toBe(201)
    expect(res.json().subscription).toMatchObject({ endpoint: `${service.url}/push/sam-laptop`, user_agent: 'Test Browser/1' })
    // The same browser subscribing again (new keys) replaces its row.
    const renewed = fakeBrowser()
    const again = await subscribe(cookies.sam, `${service.url}/push/sam-laptop`, renewed.keys)
    expect(again.json().subscription.id).toBe(res.json().subscription.id)
    expect((await t.app.inject({ url: '/api/push/subscriptions', headers: { cookie: cookies.sam } })).json().subscriptions).toHaveLength(1)

    const title = 'Backup job fails on the NAS'
    const sessionId = await seededSession(t.app.db.prisma, title)
    const handoff = (await escalate(t, cookies.jamie, sessionId)).json()
    await t.app.jobs.idle()

    const got = service.on('/push/sam-laptop')
    expect(got).toHaveLength(1)
    const req = got[0]!
    expect(req.method).toBe('POST')
    expect(req.headers).toMatchObject({ 'content-encoding': 'aes128gcm', 'content-type': 'application/octet-stream', ttl: '3600', urgency: 'high' })
    const publicKey = (await t.app.inject({ url: '/api/push/vapid-public-key', headers: { cookie: cookies.sam } })).json().public_key
    const claims = verifyVapid(req, publicKey)
    expect(claims.aud).toBe(service.url)
    expect(claims.sub).toBe('mailto:it@acme.example.com')
    expect(claims.exp * 1000).toBeGreaterThan(Date.now())
    expect(claims.exp * 1000).toBeLessThanOrEqual(Date.now() + 24 * 60 * 60 * 1000)
    expect(JSON.parse(renewed.decrypt(req.raw))).toEqual({
      title: 'Jamie Rivera escalated a session',
      body: title,
      link: `https://rf.example.com/chat/${sessionId}?pickup=true`,
      handoff_id: handoff.id,
    })
    expect(() => browser.decrypt(req.raw)).toThrow()
  })

  it('removes a subscription the push service answers 410 or 404 for', { timeout: 30_000 }, async () => {
    for (const path of ['/gone/morgan-phone', '/unknown/morgan-tablet']) expect((await subscribe(cookies.morgan, `${service.url}${path}`, fakeBrowser().keys)).statusCode).toBe(201)
    const sessionId = await seededSession(t.app.db.prisma, 'Printer jams on tray 2')
    await escalate(t, cookies.jamie, sessionId)
    await t.app.jobs.idle()
    expect(service.on('/gone/morgan-phone')).toHaveLength(1)
    expect(service.on('/unknown/morgan-tablet')).toHaveLength(1)
    expect((await t.app.inject({ url: '/api/push/subscriptions', headers: { cookie: cookies.morgan } })).json().subscriptions).toEqual([])
  })

  it('honours the preference: push off, no push; and e-mail is off without SMTP', { timeout: 30_000 }, async () => {
    await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.sam }, payload: { push: false } })
    const before = service.on('/push/sam-laptop').length
    const sessionId = await seededSession(t.app.db.prisma, 'Monitor flickers')
    await escalate(t, cookies.jamie, sessionId)
    await t.app.jobs.idle()
    expect(service.on('/push/sam-laptop')).toHaveLength(before)
    const [{ n }] = (await t.app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'send-email'`)) as [{ n: number }]
    expect(n).toBe(0)
    await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.sam }, payload: { push: true } })
  })

  it('rejects a malformed subscription naming the field', async () => {
    for (const [payload, field] of [
      [{ endpoint: 'not a url', keys: { p256dh: 'x', auth: 'y' } }, 'endpoint'],
      [{ endpoint: `${service.url}/push/x`, keys: { p256dh: 'x' } }, 'auth'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/push/subscriptions', headers: { cookie: cookies.sam }, payload })
      expect(res.statusCode).toBe(400)
      expect(JSON.stringify(res.json())).toContain(field)
    }
  })

  it('authorization: every signed-in user manages only their own browsers; another user’s is 404; signed out is 401', async () => {
    const sams = (await subscribe(cookies.sam, `${service.url}/push/sam-desktop`, fakeBrowser().keys)).json().subscription.id as string
    const table: Array<[string, string, number]> = []
    const signedOut = ['signed out', ''] as const
    for (const [who, cookie] of [...Object.entries(cookies), signedOut] as const) {
      const h = cookie ? { cookie } : {}
      table.push(['GET key', who, (await t.app.inject({ url: '/api/push/vapid-public-key', headers: h })).statusCode])
      table.push(['GET list', who, (await t.app.inject({ url: '/api/push/subscriptions', headers: h })).statusCode])
      table.push(['POST', who, (await t.app.inject({ method: 'POST', url: '/api/push/subscriptions', headers: h, payload: { endpoint: `${service.url}/push/${who.replace(' ', '-')}`, keys: fakeBrowser().keys } })).statusCode])
      if (who !== 'sam') table.push(['DELETE sam’s', who, (await t.app.inject({ method: 'DELETE', url: `/api/push/subscriptions/${sams}`, headers: h })).statusCode])
    }
    expect(table).toEqual([
      ...['jamie', 'sam', 'morgan', 'priya'].flatMap((who) => [
        ['GET key', who, 200], ['GET list', who, 200], ['POST', who, 201],
        ...(who === 'sam' ? [] : [['DELETE sam’s', who, 404]]),
      ]),
      ['GET key', 'signed out', 401], ['GET list', 'signed out', 401], ['POST', 'signed out', 401], ['DELETE sam’s', 'signed out', 401],
    ])
    // Each lists only their own; Sam deletes his.
    const priyas = (await t.app.inject({ url: '/api/push/subscriptions', headers: { cookie: cookies.priya } })).json().subscriptions
    expect(priyas.map((s: { endpoint: string }) => s.endpoint)).toEqual([`${service.url}/push/priya`])
    expect((await t.app.inject({ method: 'DELETE', url: `/api/push/subscriptions/${sams}`, headers: { cookie: cookies.sam } })).statusCode).toBe(204)
    expect(await t.app.db.prisma.pushSubscription.count({ where: { id: sams } })).toBe(0)
  })
})
