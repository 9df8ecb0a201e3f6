import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { waitFor } from '../support/wait-for.ts'

// A real SMTP server on a free port: the app talks SMTP to it through nodemailer.
const received: Array<{ from: string; to: string[]; raw: string }> = []
let refuseRecipients = false
const smtp = new SMTPServer({
  authOptional: true,
  onRcptTo(_address, _session, callback) {
    callback(refuseRecipients ? new Error('mailbox unavailable') : undefined)
  },
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let raw = ''
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    stream.on('end', () => {
      received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
      callback()
    })
  },
})

let t: TestApp
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const port = (smtp.server.address() as AddressInfo).port
  t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Acme Helpdesk <helpdesk@acme.example>', PUBLIC_URL: 'https://rf.acme.example/' })
})
afterAll(async () => {
  await t?.close()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

describe('invitation e-mail (SMTP_URL set)', () => {
  it('e-mails the invitation link, built on PUBLIC_URL, and still returns it to the admin', async () => {
    const cookie = await t.login('morgan')
    const res = await t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie }, payload: { email: 'newhire@acme.example', role: 'engineer' } })
    expect(res.statusCode).toBe(201)
    const { invitation } = res.json()
    expect(invitation.emailed).toBe(true)
    expect(invitation.url).toMatch(/^https:\/\/rf\.acme\.example\/invite\/[A-Za-z0-9_-]+$/)

    const mail = await waitFor('the e-mail', async () => received.find((m) => m.to.includes('newhire@acme.example')))
    expect(mail.from).toBe('helpdesk@acme.example')
    // Quoted-printable may fold long lines: unfold before looking for the link.
    const body = mail.raw.replace(/=\r?\n/g, '')
    expect(body).toContain('Subject: Morgan Lee invited you to Acme MSP on ResolutionFlow')
    expect(body).toContain(invitation.url)
  })

  it('when the SMTP server refuses, the invitation still stands and the link is shown to copy', async () => {
    const cookie = await t.login('morgan')
    refuseRecipients = true
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/invitations', headers: { cookie }, payload: { email: 'bounce@acme.example', role: 'senior' } })
      expect(res.statusCode).toBe(201)
      expect(res.json().invitation).toMatchObject({ emailed: false, url: expect.stringContaining('/invite/') })
      expect(await t.app.db.prisma.invitation.count({ where: { email: 'bounce@acme.example' } })).toBe(1)
    } finally {
      refuseRecipients = false
    }
  })
})
