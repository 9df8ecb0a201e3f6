import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate, sessionWithChat } from '../support/fixtures.ts'
import { invite, newMember, sessionCookie, STRONG_PASSWORD, tokenOf } from '../support/team.ts'

let t: TestApp
let baseUrl: string
const cookies = {} as Record<keyof typeof DEMO_USERS, string>
const ids = {} as Record<keyof typeof DEMO_USERS, string>

beforeAll(async () => {
  t = await buildTestApp({ SSE_HEARTBEAT_MS: '200', LOGIN_RATE_LIMIT: '100' })
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  for (const u of Object.keys(DEMO_USERS) as Array<keyof typeof DEMO_USERS>) {
    cookies[u] = await t.login(u)
    ids[u] = (await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS[u].email } })).id
  }
})
afterAll(() => t?.close())

const req = (method: string, url: string, cookie?: string, payload?: object) =>
  t.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) })
const auditActions = async (orgOf: keyof typeof DEMO_USERS) =>
  (await req('GET', '/api/audit?limit=100', cookies[orgOf])).json().entries.map((e: { action: string }) => e.action)

describe('invitations', () => {
  it('an admin invites with a role; the invitee sets name and password and is signed in with that role', async () => {
    const res = await invite(t, cookies.morgan, 'Casey@Acme.example', 'senior')
    expect(res.statusCode).toBe(201)
    const { invitation } = res.json()
    expect(invitation).toMatchObject({ email: 'casey@acme.example', role: 'senior', emailed: false, invited_by: { name: 'Morgan Lee' } })
    expect(invitation.url).toMatch(/^http:\/\/localhost(:\d+)?\/invite\/[A-Za-z0-9_-]{40,}$/)
    const days = (Date.parse(invitation.expires_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)
    // Only the hash of the token is stored.
    const row = await t.app.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })
    expect(row.tokenHash).not.toContain(tokenOf(invitation.url))

    const token = tokenOf(invitation.url)
    const preview = await req('GET', `/api/invitations/${token}`)
    expect(preview.json()).toMatchObject({ email: 'casey@acme.example', role: 'senior', organization: { name: 'Acme MSP' } })

    const accepted = await req('POST', `/api/invitations/${token}/accept`, undefined, { name: 'Casey Jones', password: STRONG_PASSWORD })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json().user).toMatchObject({ name: 'Casey Jones', email: 'casey@acme.example', role: 'senior', organization: { name: 'Acme MSP' } })
    const me = await req('GET', '/api/me', sessionCookie(accepted)!)
    expect(me.json().user.name).toBe('Casey Jones')
    const login = await req('POST', '/api/auth/login', undefined, { email: 'casey@acme.example', password: STRONG_PASSWORD })
    expect(login.statusCode).toBe(200)
    expect(await auditActions('morgan')).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted']))
  })

  it('a used link answers 409 INVITATION_USED and makes no second account (two submits at once: one account)', async () => {
    const { invitation } = (await invite(t, cookies.morgan, 'twice@acme.example')).json()
    const token = tokenOf(invitation.url)
    const submit = () => req('POST', `/api/invitations/${token}/accept`, undefined, { name: 'Twice', password: STRONG_PASSWORD })
    const results = await Promise.all([submit(), submit()])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('INVITATION_USED')
    expect(await t.app.db.prisma.user.count({ where: { email: 'twice@acme.example' } })).toBe(1)
    const again = await submit()
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'INVITATION_USED', message: expect.any(String) })
  })

  it('an expired link answers 410 INVITATION_EXPIRED; a revoked one too; an unknown one 404', async () => {
    const { invitation } = (await invite(t, cookies.morgan, 'late@acme.example')).json()
    await t.app.db.prisma.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const late = await req('POST', `/api/invitations/${tokenOf(invitation.url)}/accept`, undefined, { name: 'Late', password: STRONG_PASSWORD })
    expect(late.statusCode).toBe(410)
    expect(late.json().code).toBe('INVITATION_EXPIRED')

    const second = (await invite(t, cookies.morgan, 'revoked@acme.example')).json().invitation
    expect((await req('DELETE', `/api/invitations/${second.id}`, cookies.morgan)).statusCode).toBe(204)
    const revoked = await req('POST', `/api/invitations/${tokenOf(second.url)}/accept`, undefined, { name: 'R', password: STRONG_PASSWORD })
    expect(revoked.statusCode).toBe(410)
    expect((await req('GET', `/api/invitations/${'x'.repeat(43)}`)).statusCode).toBe(404)
    expect(await t.app.db.prisma.user.count({ where: { email: { in: ['late@acme.example', 'revoked@acme.example'] } } })).toBe(0)
  })

  it('a new invitation of the same address replaces the old link', async () => {
    const first = (await invite(t, cookies.morgan, 'again@acme.example')).json().invitation
    const second = (await invite(t, cookies.morgan, 'again@acme.example', 'senior')).json().invitation
    expect((await req('GET', `/api/invitations/${tokenOf(first.url)}`)).statusCode).toBe(410)
    expect((await req('GET', `/api/invitations/${tokenOf(second.url)}`)).json().role).toBe('senior')
    const open = (await req('GET', '/api/invitations', cookies.morgan)).json().invitations
    expect(open.filter((i: { email: string }) => i.email === 'again@acme.example')).toHaveLength(1)
  })

  it('wrong organization: an invitation joins its own organization only, and other admins cannot see or revoke it', async () => {
    const { invitation } = (await invite(t, cookies.priya, 'globex.new@globex.example')).json()
    // Accepting while signed in to Acme still joins Globex, the inviting organization.
    const accepted = await req('POST', `/api/invitations/${tokenOf(invitation.url)}/accept`, cookies.morgan, { name: 'Glo Bex', password: STRONG_PASSWORD })
    expect(accepted.json().user.organization.name).toBe('Globex IT')
    const other = (await invite(t, cookies.priya, 'globex.two@globex.example')).json().invitation
    expect((await req('DELETE', `/api/invitations/${other.id}`, cookies.morgan)).statusCode).toBe(404)
    const acmeList = (await req('GET', '/api/invitations', cookies.morgan)).json().invitations
    expect(acmeList.map((i: { email: string }) => i.email)).not.toContain('globex.two@globex.example')
  })

  it('refuses an address that already has an account (409), bad input (400 naming the field), a weak password (400)', async () => {
    const taken = await invite(t, cookies.morgan, DEMO_USERS.alex.email)
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('ALREADY_MEMBER')
    const bad = await req('POST', '/api/invitations', cookies.morgan, { email: 'nope', role: 'owner' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().issues).toEqual(
      expect.arrayContaining([
        { path: 'body.email', message: 'must be a valid e-mail address' },
        { path: 'body.role', message: 'must be one of "engineer", "senior", "admin"' },
      ]),
    )
    // Words people read next to the field they typed into, not the validator's.
    const policy = await req('PATCH', '/api/organization', cookies.morgan, { name: '', escalation_policy: { renotify_after_s: 5, widen_after_s: 900 } })
    expect(policy.statusCode).toBe(400)
    expect(policy.json().issues).toEqual(
      expect.arrayContaining([
        { path: 'body.name', message: 'is required' },
        { path: 'body.escalation_policy.renotify_after_s', message: 'must be at least 10' },
      ]),
    )
    expect(policy.json().message).toContain('body.escalation_policy.renotify_after_s must be at least 10')

    const { invitation } = (await invite(t, cookies.morgan, 'weak@acme.example')).json()
    const weak = await req('POST', `/api/invitations/${tokenOf(invitation.url)}/accept`, undefined, { name: 'Weak', password: 'password1' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', issues: [{ path: 'body.password' }] })
    const noName = await req('POST', `/api/invitations/${tokenOf(invitation.url)}/accept`, undefined, { name: ' ', password: STRONG_PASSWORD })
    expect(noName.statusCode).toBe(400)
    expect(noName.json().message).toContain('name')
    // Nothing half-written: the link still works.
    expect((await req('GET', `/api/invitations/${tokenOf(invitation.url)}`)).statusCode).toBe(200)
    expect(await t.app.db.prisma.user.count({ where: { email: 'weak@acme.example' } })).toBe(0)
  })
})

describe('members and roles', () => {
  it('lists the organization with role, state and last activity', async () => {
    await req('GET', '/api/me', cookies.jamie)
    const res = await req('GET', '/api/members', cookies.morgan)
    expect(res.statusCode).toBe(200)
    const members = res.json().members
    expect(members.map((m: { email: string }) => m.email)).toEqual(expect.arrayContaining([DEMO_USERS.jamie.email, DEMO_USERS.sam.email]))
    expect(members.map((m: { email: string }) => m.email)).not.toContain(DEMO_USERS.alex.email)
    const jamie = members.find((m: { email: string }) => m.email === DEMO_USERS.jamie.email)
    expect(jamie).toMatchObject({ role: 'engineer', active: true, last_active_at: expect.any(String) })
  })

  it('an admin changes a role (audited); another organization\'s member is 404; bad input 400', async () => {
    const casey = await newMember(t, cookies.morgan, 'promote@acme.example')
    // Casey's sign-in is resolved (and cached) as an engineer first: the change must still show at once.
    expect((await req('GET', '/api/me', casey.cookie)).json().user.role).toBe('engineer')
    const res = await req('PATCH', `/api/members/${casey.id}`, cookies.morgan, { role: 'senior' })
    expect(res.statusCode).toBe(200)
    expect(res.json().member).toMatchObject({ role: 'senior', active: true })
    expect((await req('GET', '/api/me', casey.cookie)).json().user.role).toBe('senior')
    const entry = (await req('GET', '/api/audit', cookies.morgan)).json().entries[0]
    expect(entry).toMatchObject({ action: 'member.role_changed', actor: { name: 'Morgan Lee' }, target: { id: casey.id }, data: { from: 'engineer', to: 'senior' } })

    expect((await req('PATCH', `/api/members/${ids.alex}`, cookies.morgan, { role: 'admin' })).statusCode).toBe(404)
    const bad = await req('PATCH', `/api/members/${casey.id}`, cookies.morgan, { role: 'boss' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('role')
    expect((await req('PATCH', `/api/members/${casey.id}`, cookies.morgan, {})).statusCode).toBe(400)
  })

  it('the last active admin cannot be demoted or deactivated (409 LAST_ADMIN); with a second admin they can', async () => {
    const demote = await req('PATCH', `/api/members/${ids.priya}`, cookies.priya, { role: 'senior' })
    expect(demote.statusCode).toBe(409)
    expect(demote.json()).toEqual({ code: 'LAST_ADMIN', message: expect.stringContaining('Priya Shah') })
    const deactivate = await req('PATCH', `/api/members/${ids.priya}`, cookies.priya, { active: false })
    expect(deactivate.statusCode).toBe(409)
    expect((await t.app.db.prisma.user.findUniqueOrThrow({ where: { id: ids.priya } })).role).toBe('admin')

    // Two admins demoting each other at once: the organization row lock serializes them, one stays admin.
    const second = await newMember(t, cookies.priya, 'second.admin@globex.example', 'admin')
    const [a, b] = await Promise.all([
      req('PATCH', `/api/members/${second.id}`, cookies.priya, { role: 'engineer' }),
      req('PATCH', `/api/members/${ids.priya}`, second.cookie, { role: 'engineer' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const admins = await t.app.db.prisma.user.count({ where: { organization: { slug: 'globex-it' }, role: 'admin', active: true } })
    expect(admins).toBe(1)
    // Whoever won, the remaining admin makes Priya admin again for the tests below.
    if (a.statusCode !== 200) {
      expect((await req('PATCH', `/api/members/${ids.priya}`, second.cookie, { role: 'admin' })).statusCode).toBe(200)
    }
  })
})

describe('deactivation', () => {
  it("ends their sessions at once, closes their open event stream, refuses sign-in; their history keeps their name; reactivation lets them back", async () => {
    const leaver = await newMember(t, cookies.morgan, 'leaver@acme.example', 'engineer', 'Lee Leaver')
    const sessionId = await sessionWithChat(t, leaver.cookie)
    const handoff = (await escalate(t, leaver.cookie, sessionId)).json()
    expect(handoff.handed_off_by_name).toBe('Lee Leaver')

    // An open event stream, read raw: it ends when the server closes it.
    const stream = await fetch(`${baseUrl}/api/events`, { headers: { cookie: leaver.cookie, accept: 'text/event-stream' } })
    expect(stream.status).toBe(200)
    const reader = stream.body!.getReader()
    const ended = (async () => {
      for (;;) if ((await reader.read()).done) return true
    })()

    const res = await req('PATCH', `/api/members/${leaver.id}`, cookies.morgan, { active: false })
    expect(res.statusCode).toBe(200)
    expect(res.json().member.active).toBe(false)
    expect((await req('GET', '/api/me', leaver.cookie)).statusCode).toBe(401)
    expect(await t.app.db.prisma.authSession.count({ where: { userId: leaver.id } })).toBe(0)
    // The stream closes without waiting for a heartbeat or a reconnect (the events route hears session_revoked).
    await expect(Promise.race([ended, new Promise((r) => setTimeout(() => r('still open'), 5000))])).resolves.toBe(true)

    const login = await req('POST', '/api/auth/login', undefined, { email: 'leaver@acme.example', password: STRONG_PASSWORD })
    expect(login.statusCode).toBe(401)
    expect(login.json().code).toBe('INVALID_CREDENTIALS')
    const seen = await req('GET', `/api/handoffs/${handoff.id}`, cookies.sam)
    expect(seen.json().handed_off_by_name).toBe('Lee Leaver')
    // A deactivated senior is no escalation target.
    const seniors = (await req('GET', '/api/users/seniors', cookies.jamie)).json().users.map((u: { name: string }) => u.name)
    expect(seniors).not.toContain('Lee Leaver')
    const members = (await req('GET', '/api/members', cookies.morgan)).json().members
    expect(members.find((m: { id: string }) => m.id === leaver.id)).toMatchObject({ active: false, name: 'Lee Leaver' })

    expect((await req('PATCH', `/api/members/${leaver.id}`, cookies.morgan, { active: true })).statusCode).toBe(200)
    const back = await req('POST', '/api/auth/login', undefined, { email: 'leaver@acme.example', password: STRONG_PASSWORD })
    expect(back.statusCode).toBe(200)
    expect(await auditActions('morgan')).toEqual(expect.arrayContaining(['member.deactivated', 'member.reactivated']))
    await claim(t, cookies.sam, handoff.id)
  })
})

describe('passwords', () => {
  it('changing your own needs the current one, refuses a weak one, and ends your other sessions', async () => {
    const person = await newMember(t, cookies.morgan, 'changer@acme.example', 'engineer', 'Chris Changer')
    const other = sessionCookie(await req('POST', '/api/auth/login', undefined, { email: 'changer@acme.example', password: STRONG_PASSWORD }))!

    const wrong = await req('POST', '/api/me/password', person.cookie, { current_password: 'not it at all', new_password: 'another long passphrase' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS')
    const weak = await req('POST', '/api/me/password', person.cookie, { current_password: STRONG_PASSWORD, new_password: 'short1!' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json()).toMatchObject({ code: 'WEAK_PASSWORD', issues: [{ path: 'body.new_password' }] })
    const own = await req('POST', '/api/me/password', person.cookie, { current_password: STRONG_PASSWORD, new_password: 'chris changer rules ok' })
    expect(own.statusCode).toBe(400)
    const missing = await req('POST', '/api/me/password', person.cookie, { current_password: STRONG_PASSWORD })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toContain('new_password')
    // Nothing changed so far: both sessions still work.
    expect((await req('GET', '/api/me', other)).statusCode).toBe(200)

    const ok = await req('POST', '/api/me/password', person.cookie, { current_password: STRONG_PASSWORD, new_password: 'a much better passphrase' })
    expect(ok.statusCode).toBe(204)
    expect((await req('GET', '/api/me', person.cookie)).statusCode).toBe(200)
    expect((await req('GET', '/api/me', other)).statusCode).toBe(401)
    const oldLogin = await req('POST', '/api/auth/login', undefined, { email: 'changer@acme.example', password: STRONG_PASSWORD })
    expect(oldLogin.statusCode).toBe(401)
    const newLogin = await req('POST', '/api/auth/login', undefined, { email: 'changer@acme.example', password: 'a much better passphrase' })
    expect(newLogin.statusCode).toBe(200)
  })

  it('an admin issues a single-use reset link; using it sets the password and ends every session', async () => {
    const person = await newMember(t, cookies.morgan, 'forgot@acme.example', 'engineer', 'Fran Forgot')
    const issued = await req('POST', `/api/members/${person.id}/password-reset`, cookies.morgan)
    expect(issued.statusCode).toBe(201)
    const { url } = issued.json().reset
    expect(url).toMatch(/\/reset-password\/[A-Za-z0-9_-]{40,}$/)
    expect((await req('GET', `/api/password-resets/${tokenOf(url)}`)).json()).toMatchObject({ email: 'forgot@acme.example', name: 'Fran Forgot' })

    const weak = await req('POST', `/api/password-resets/${tokenOf(url)}`, undefined, { new_password: 'tiny' })
    expect(weak.statusCode).toBe(400)
    expect(weak.json().code).toBe('WEAK_PASSWORD')
    const done = await req('POST', `/api/password-resets/${tokenOf(url)}`, undefined, { new_password: 'fresh start passphrase' })
    expect(done.statusCode).toBe(204)
    expect((await req('GET', '/api/me', person.cookie)).statusCode).toBe(401)
    expect((await req('POST', '/api/auth/login', undefined, { email: 'forgot@acme.example', password: 'fresh start passphrase' })).statusCode).toBe(200)
    const reused = await req('POST', `/api/password-resets/${tokenOf(url)}`, undefined, { new_password: 'another fresh passphrase' })
    expect(reused.statusCode).toBe(409)
    expect(reused.json().code).toBe('RESET_LINK_USED')

    // Only for one's own organization, and only by an admin.
    expect((await req('POST', `/api/members/${ids.alex}/password-reset`, cookies.morgan)).statusCode).toBe(404)
    expect((await req('POST', `/api/members/${person.id}/password-reset`, cookies.sam)).statusCode).toBe(403)
    expect(await auditActions('morgan')).toEqual(expect.arrayContaining(['password.reset_issued', 'password.reset_used']))
  })
})

describe('organization settings', () => {
  it('shows name, slug, model label, escalation policy (defaults 300/900) and SSO without its secret', async () => {
    const res = await req('GET', '/api/organization', cookies.morgan)
    expect(res.statusCode).toBe(200)
    expect(res.json().organization).toEqual({
      id: expect.any(String),
      name: 'Acme MSP',
      slug: 'acme-msp',
      llm_model_label: null,
      escalation_policy: { renotify_after_s: 300, widen_after_s: 900 },
      sso: { issuer: null, client_id: null, client_secret_set: false, jit_domains: [], enabled: false },
    })
  })

  it('an admin changes them; the secret is stored but never returned; every change is audited', async () => {
    // Alex's sign-in is resolved (and cached) with the old name first.
    expect((await req('GET', '/api/me', cookies.alex)).json().user.organization.name).not.toBe('Globex Managed IT')
    const res = await req('PATCH', '/api/organization', cookies.priya, {
      name: 'Globex Managed IT',
      llm_model_label: 'GPT-4o mini (Azure EU)',
      escalation_policy: { renotify_after_s: 120, widen_after_s: 600 },
      sso: { issuer: 'https://login.microsoftonline.com/tenant-id/v2.0', client_id: 'abc', client_secret: 's3cret-value', jit_domains: ['Globex.example'] },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().organization).toMatchObject({
      name: 'Globex Managed IT',
      llm_model_label: 'GPT-4o mini (Azure EU)',
      escalation_policy: { renotify_after_s: 120, widen_after_s: 600 },
      sso: { issuer: 'https://login.microsoftonline.com/tenant-id/v2.0', client_id: 'abc', client_secret_set: true, jit_domains: ['globex.example'], enabled: true },
    })
    expect(res.body).not.toContain('s3cret-value')
    expect((await req('GET', '/api/organization', cookies.priya)).body).not.toContain('s3cret-value')
    expect((await req('GET', '/api/me', cookies.alex)).json().user.organization.name).toBe('Globex Managed IT')
    const entries = (await req('GET', '/api/audit', cookies.priya)).json().entries
    const sso = entries.find((e: { action: string }) => e.action === 'sso.updated')
    expect(sso.data.changes.client_secret).toBe('replaced')
    expect(JSON.stringify(entries)).not.toContain('s3cret-value')
    expect(entries.find((e: { action: string }) => e.action === 'organization.updated').data.changes).toMatchObject({
      name: { from: 'Globex IT', to: 'Globex Managed IT' },
      'escalation_policy.renotify_after_s': { from: 300, to: 120 },
    })
    // Keeping the secret: omit it; the rest of SSO can change.
    const sealed = (await t.app.db.prisma.organization.findFirstOrThrow({ where: { slug: 'globex-it' } })).oidcClientSecret!
    await req('PATCH', '/api/organization', cookies.priya, { sso: { client_id: 'def' } })
    const kept = await t.app.db.prisma.organization.findFirstOrThrow({ where: { slug: 'globex-it' } })
    expect(kept).toMatchObject({ oidcClientSecret: sealed, oidcClientId: 'def' })
    expect(t.app.deps.secrets.open(kept.oidcClientSecret!, kept.id)).toBe('s3cret-value')
    // The same secret entered again (sealed anew, so stored differently) is no change to audit.
    const audited = async () => (await req('GET', '/api/audit', cookies.priya)).json().entries.filter((e: { action: string }) => e.action === 'sso.updated').length
    const before = await audited()
    await req('PATCH', '/api/organization', cookies.priya, { sso: { client_secret: 's3cret-value' } })
    expect(await audited()).toBe(before)
  })

  it('refuses bad settings with 400 naming the field, and changes nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ escalation_policy: { renotify_after_s: 5, widen_after_s: 900 } }, 'escalation_policy.renotify_after_s'],
      [{ escalation_policy: { renotify_after_s: 300 } }, 'escalation_policy.widen_after_s'],
      [{ name: '' }, 'name'],
      [{ sso: { issuer: 'ftp://x' } }, 'sso.issuer'],
      [{ sso: { jit_domains: ['not a domain'] } }, 'sso.jit_domains.0'],
      [{ colour: 'red' }, 'body'],
    ]
    for (const [payload, field] of cases) {
      const res = await req('PATCH', '/api/organization', cookies.morgan, payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
      expect(res.json().message).toContain(field)
    }
    expect((await req('GET', '/api/organization', cookies.morgan)).json().organization).toMatchObject({
      name: 'Acme MSP',
      escalation_policy: { renotify_after_s: 300, widen_after_s: 900 },
    })
  })
})

describe('audit log', () => {
  it('pages newest first with a cursor, only the own organization', async () => {
    const first = (await req('GET', '/api/audit?limit=2', cookies.morgan)).json()
    expect(first.entries).toHaveLength(2)
    expect(first.next_cursor).toBe(first.entries[1].id)
    const second = (await req('GET', `/api/audit?limit=2&cursor=${first.next_cursor}`, cookies.morgan)).json()
    expect(BigInt(second.entries[0].id)).toBeLessThan(BigInt(first.entries[1].id))
    const all = (await req('GET', '/api/audit?limit=100', cookies.morgan)).json()
    expect(all.next_cursor).toBeNull()
    expect(all.entries.map((e: { data: object }) => JSON.stringify(e.data)).join()).not.toContain('globex')
    expect((await req('GET', '/api/audit?cursor=abc', cookies.morgan)).json().message).toContain('cursor')
  })
})

/**
 * Every team endpoint: role × own organization × another organization (404) × signed out (401).
 * `own`/`other` build the URL against a target in Acme (the callers' organization) or in Globex.
 */
describe('authorization matrix', () => {
  type Row = {
    name: string
    method: string
    /** `own`: a target in the callers' organization (Acme); `other`: in Globex. */
    url: (target: 'own' | 'other') => string | Promise<string>
    body?: () => object
    adminOnly: boolean
    /** Whether the URL names a target of some organization (then another organization's is 404). */
    targeted: boolean
    ok: number
  }
  const member = (org: 'own' | 'other') => (org === 'own' ? ids.jamie : ids.alex)
  const unique = () => `m${Math.random().toString(36).slice(2)}@acme.example`
  const rows: Row[] = [
    { name: 'GET /api/members', method: 'GET', url: () => '/api/members', adminOnly: true, targeted: false, ok: 200 },
    { name: 'PATCH /api/members/:id', method: 'PATCH', url: (o) => `/api/members/${member(o)}`, body: () => ({ role: 'engineer' }), adminOnly: true, targeted: true, ok: 200 },
    { name: 'POST /api/members/:id/password-reset', method: 'POST', url: (o) => `/api/members/${member(o)}/password-reset`, adminOnly: true, targeted: true, ok: 201 },
    { name: 'GET /api/invitations', method: 'GET', url: () => '/api/invitations', adminOnly: true, targeted: false, ok: 200 },
    { name: 'POST /api/invitations', method: 'POST', url: () => '/api/invitations', body: () => ({ email: unique(), role: 'engineer' }), adminOnly: true, targeted: false, ok: 201 },
    {
      name: 'DELETE /api/invitations/:id',
      method: 'DELETE',
      url: async (o) => `/api/invitations/${(await invite(t, o === 'own' ? cookies.morgan : cookies.priya, unique())).json().invitation.id}`,
      adminOnly: true,
      targeted: true,
      ok: 204,
    },
    { name: 'GET /api/organization', method: 'GET', url: () => '/api/organization', adminOnly: true, targeted: false, ok: 200 },
    { name: 'PATCH /api/organization', method: 'PATCH', url: () => '/api/organization', body: () => ({ llm_model_label: 'Label' }), adminOnly: true, targeted: false, ok: 200 },
    { name: 'GET /api/audit', method: 'GET', url: () => '/api/audit', adminOnly: true, targeted: false, ok: 200 },
    // Anyone signed in, for themselves: a weak new password is refused after the auth check (400), never 401/403.
    { name: 'POST /api/me/password', method: 'POST', url: () => '/api/me/password', body: () => ({ current_password: DEMO_PASSWORD, new_password: 'short' }), adminOnly: false, targeted: false, ok: 400 },
  ]
  const callers = { engineer: 'jamie', senior: 'sam', admin: 'morgan' } as const

  for (const row of rows) {
    it(row.name, async () => {
      for (const [role, who] of Object.entries(callers)) {
        for (const org of row.targeted ? (['own', 'other'] as const) : (['own'] as const)) {
          const url = await row.url(org)
          const res = await req(row.method, url, cookies[who], row.body?.())
          const expected = org === 'other' ? 404 : row.adminOnly && role !== 'admin' ? 403 : row.ok
          expect(res.statusCode, `${role} ${org} ${row.method} ${url}: ${res.body}`).toBe(expected)
        }
      }
      const signedOut = await req(row.method, await row.url('own'), undefined, row.body?.())
      expect(signedOut.statusCode).toBe(401)
      expect(signedOut.json().code).toBe('UNAUTHENTICATED')
    })
  }

  it('the public endpoints need no session but only act on their token', async () => {
    expect((await req('GET', '/api/setup')).json()).toEqual({ needed: false, demo_accounts: true })
    expect((await req('POST', '/api/setup', undefined, { organization_name: 'X', name: 'Y', email: 'z@z.example', password: STRONG_PASSWORD })).statusCode).toBe(409)
    const fake = 'A'.repeat(43)
    expect((await req('GET', `/api/invitations/${fake}`)).statusCode).toBe(404)
    expect((await req('POST', `/api/invitations/${fake}/accept`, undefined, { name: 'N', password: STRONG_PASSWORD })).statusCode).toBe(404)
    expect((await req('GET', `/api/password-resets/${fake}`)).statusCode).toBe(404)
    expect((await req('POST', `/api/password-resets/${fake}`, undefined, { new_password: STRONG_PASSWORD })).statusCode).toBe(404)
    expect((await req('GET', '/api/invitations/bad token!')).statusCode).toBe(400)
  })

  it('every team route is listed above or is public', () => {
    const team = t.routes.filter((r) => /^\/api\/(setup|invitations|members|me\/password|password-resets|organization|audit|auth\/oidc)/.test(r.url))
    const privateOnes = team.filter((r) => !r.public).map((r) => `${r.method} ${r.url}`).sort()
    expect(privateOnes).toEqual(
      [
        'GET /api/members', 'PATCH /api/members/:id', 'POST /api/members/:id/password-reset', 'GET /api/invitations', 'POST /api/invitations',
        'DELETE /api/invitations/:id', 'GET /api/organization', 'PATCH /api/organization', 'GET /api/audit', 'POST /api/me/password',
      ].sort(),
    )
  })
})

describe('demo password still works for the demo users', () => {
  it('signs in', async () => {
    expect((await req('POST', '/api/auth/login', undefined, { email: DEMO_USERS.sam.email, password: DEMO_PASSWORD })).statusCode).toBe(200)
  })
})
