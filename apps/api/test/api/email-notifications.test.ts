import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { runEscalationStep } from '../../src/services/handoffs/run-escalation-step.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { escalate } from '../support/fixtures.ts'
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver.ts'

/**
 * E-mail through a real SMTP server (smtp-server, started here), and the notification
 * preferences that decide who gets it.
 */
async function seededSession(prisma: Database['prisma'], title: string) {
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const session = await prisma.chatSession.create({
    data: { organizationId: jamie.organizationId, createdById: jamie.id, title, messages: { create: [{ role: 'user', authorId: jamie.id, content: title }] } },
  })
  return session.id
}

const SAM = 'senior@resolutionflow.example.com'
const MORGAN = 'teamadmin@resolutionflow.example.com'

describe('escalation e-mails', () => {
  let t: TestApp
  let smtp: SmtpReceiver
  let cookies: Record<'jamie' | 'sam' | 'morgan' | 'priya', string>
  beforeAll(async () => {
    smtp = await startSmtpReceiver()
    t = await buildTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'ResolutionFlow <alerts@rf.example.com>', PUBLIC_URL: 'https://rf.example.com/' })
    cookies = { jamie: await t.login('jamie'), sam: await t.login('sam'), morgan: await t.login('morgan'), priya: await t.login('priya') }
  })
  afterAll(async () => {
    await t?.close()
    await smtp?.close()
  })

  const mailsFor = (sessionTitle: string) => smtp.mails.filter((m) => m.text.includes(sessionTitle))

  it('e-mails each senior the escalation with the pickup link and the note, then the re-notify and widen steps', { timeout: 30_000 }, async () => {
    const prisma = t.app.db.prisma
    const title = 'Outlook asks for the password every hour'
    const sessionId = await seededSession(prisma, title)
    const handoff = (await escalate(t, cookies.jamie, sessionId, { note: 'Cleared the credential manager already' })).json()
    await t.app.jobs.idle()

    const link = `https://rf.example.com/chat/${sessionId}?pickup=true`
    const first = mailsFor(title)
    expect(first.map((m) => m.to).flat().sort()).toEqual([SAM, MORGAN].sort())
    for (const mail of first) {
      expect(mail.from).toBe('alerts@rf.example.com')
      expect(mail.subject).toBe(`Jamie Rivera escalated: ${title}`)
      expect(mail.text).toContain(link)
      expect(mail.text).toContain(`href="${link}"`)
      expect(mail.text).toContain('Their note: Cleared the credential manager already')
    }

    const deps = { prisma, bus: t.app.bus, jobs: t.app.jobs, notify: t.app.notify.settings }
    await runEscalationStep(deps, { handoffId: handoff.id, step: 'renotify' })
    await runEscalationStep(deps, { handoffId: handoff.id, step: 'widen' })
    await t.app.jobs.idle()
    const subjects = mailsFor(title).map((m) => `${m.to[0]}: ${m.subject}`).sort()
    expect(subjects).toEqual(
      [
        `${MORGAN}: Jamie Rivera escalated: ${title}`,
        `${MORGAN}: Nobody has picked this up yet: ${title}`,
        `${MORGAN}: Still waiting for a senior: ${title}`,
        `${SAM}: Jamie Rivera escalated: ${title}`,
        `${SAM}: Nobody has picked this up yet: ${title}`,
        `${SAM}: Still waiting for a senior: ${title}`,
      ].sort(),
    )
  })

  it('honours the preference: e-mail off, no e-mail (the bell still rings)', { timeout: 30_000 }, async () => {
    const prisma = t.app.db.prisma
    const off = await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.morgan }, payload: { email: false } })
    expect(off.statusCode).toBe(200)
    expect(off.json()).toEqual({ preferences: { desktop: true, push: true, email: false } })
    try {
      const title = 'Laptop dock loses the second screen'
      const sessionId = await seededSession(prisma, title)
      const handoff = (await escalate(t, cookies.jamie, sessionId)).json()
      await t.app.jobs.idle()
      expect(mailsFor(title).map((m) => m.to).flat()).toEqual([SAM])
      const bell = await prisma.notification.findMany({ where: { handoffId: handoff.id }, include: { user: { select: { email: true } } } })
      expect(bell.map((n) => n.user.email).sort()).toEqual([SAM, MORGAN].sort())
    } finally {
      await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.morgan }, payload: { email: true } })
    }
  })

  it('preferences: defaults on, PATCH any subset, 400 naming the field, per user', async () => {
    const get = (cookie: string) => t.app.inject({ url: '/api/me/preferences', headers: { cookie } })
    expect((await get(cookies.sam)).json()).toEqual({ preferences: { desktop: true, push: true, email: true } })
    const patched = await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.sam }, payload: { desktop: false, push: false } })
    expect(patched.json()).toEqual({ preferences: { desktop: false, push: false, email: true } })
    expect((await get(cookies.sam)).json()).toEqual({ preferences: { desktop: false, push: false, email: true } })
    // Another user's are their own.
    expect((await get(cookies.priya)).json()).toEqual({ preferences: { desktop: true, push: true, email: true } })
    for (const [payload, field] of [[{ email: 'no' }, 'email'], [{}, 'desktop']] as const) {
      const bad = await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.sam }, payload })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(bad.json())).toContain(field)
    }
    await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', headers: { cookie: cookies.sam }, payload: { desktop: true, push: true } })
  })

  it('refuses a push subscription whose endpoint is a private address (the default guard)', async () => {
    for (const endpoint of ['http://10.0.0.1/push/x', 'http://169.254.169.254/latest', 'http://127.0.0.1:9/push']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/push/subscriptions',
        headers: { cookie: cookies.sam },
        payload: { endpoint, keys: { p256dh: 'BPk', auth: 'aa' } },
      })
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'URL_NOT_ALLOWED', message: expect.stringContaining('endpoint') })
    }
    expect(await t.app.db.prisma.pushSubscription.count()).toBe(0)
  })

  it('authorization: every signed-in user reads and sets only their own; signed out is 401', async () => {
    const table: Array<[string, string, number]> = []
    for (const [method, payload] of [['GET', undefined], ['PATCH', { desktop: true }]] as const) {
      for (const [who, cookie] of [...Object.entries(cookies), ['signed out', '']] as const) {
        const res = await t.app.inject({ method, url: '/api/me/preferences', headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) })
        table.push([method, who, res.statusCode])
      }
    }
    expect(table).toEqual(
      ['GET', 'PATCH'].flatMap((m) => [[m, 'jamie', 200], [m, 'sam', 200], [m, 'morgan', 200], [m, 'priya', 200], [m, 'signed out', 401]]),
    )
  })
})
