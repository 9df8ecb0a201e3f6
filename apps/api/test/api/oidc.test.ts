import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'
import { runToCallback, startOidcProvider } from '../support/oidc-provider.ts'
import { invite } from '../support/team.ts'

let t: TestApp
let baseUrl: string
let provider: Awaited<ReturnType<typeof startOidcProvider>>
let admin: string

beforeAll(async () => {
  t = await buildTestApp({ LOGIN_RATE_LIMIT: '100' })
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' })
  provider = await startOidcProvider({ clientId: 'resolutionflow', clientSecret: 'provider-secret', redirectUri: `${baseUrl}/api/auth/oidc/callback` })
  admin = await t.login('morgan')
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/organization',
    headers: { cookie: admin },
    payload: { sso: { issuer: provider.issuer, client_id: 'resolutionflow', client_secret: 'provider-secret' } },
  })
  expect(res.statusCode).toBe(200)
})
afterAll(async () => {
  await t?.close()
  await provider?.close()
})

const start = `/api/auth/oidc/start?organization=acme-msp`
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')

/** The whole flow as a browser runs it; `tamper` may change the callback before the app sees it. */
async function ssoSignIn(tamper?: (callback: URL, jar: Map<string, string>) => void) {
  const { callbackUrl, appCookies } = await runToCallback(`${baseUrl}${start}`)
  tamper?.(callbackUrl, appCookies)
  const res = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: cookieHeader(appCookies) } })
  const session = res.headers.getSetCookie().find((c) => c.startsWith('rf_session=') && !c.startsWith('rf_session=;'))
  return { status: res.status, location: res.headers.get('location'), cookie: session?.split(';')[0] ?? null }
}

const me = (cookie: string) => t.app.inject({ url: '/api/me', headers: { cookie } })

describe('GET /api/auth/oidc/start', () => {
  it('redirects to the provider with PKCE (S256), state and nonce, and keeps them in a signed httpOnly cookie', async () => {
    const res = await fetch(`${baseUrl}${start}`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.origin).toBe(provider.issuer)
    expect(to.searchParams.get('client_id')).toBe('resolutionflow')
    expect(to.searchParams.get('redirect_uri')).toBe(`${baseUrl}/api/auth/oidc/callback`)
    expect(to.searchParams.get('code_challenge_method')).toBe('S256')
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    const flow = res.headers.getSetCookie().find((c) => c.startsWith('rf_oidc='))!
    expect(flow).toMatch(/HttpOnly/i)
    expect(flow).toMatch(/SameSite=Lax/i)
    expect(flow).not.toContain(to.searchParams.get('state')!)
  })

  it('an organization without SSO, or an unknown one, goes back to the login page with a reason', async () => {
    for (const org of ['globex-it', 'no-such-org']) {
      const res = await fetch(`${baseUrl}/api/auth/oidc/start?organization=${org}`, { redirect: 'manual' })
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/login?sso_error=SSO_NOT_CONFIGURED')
    }
    const bad = await fetch(`${baseUrl}/api/auth/oidc/start`, { redirect: 'manual' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toContain('organization')
  })
})

describe('GET /api/auth/oidc/callback', () => {
  it('signs an existing member in', async () => {
    provider.signInAs({ email: 'Senior@ResolutionFlow.example.com', name: 'Sam at the IdP' })
    const res = await ssoSignIn()
    expect(res).toMatchObject({ status: 302, location: '/' })
    expect((await me(res.cookie!)).json().user).toMatchObject({ name: 'Sam Patel', role: 'senior' })
  })

  it('refuses a wrong state: no session', async () => {
    provider.signInAs({ email: 'senior@resolutionflow.example.com', name: 'Sam' })
    const res = await ssoSignIn((callback) => callback.searchParams.set('state', 'forged-state-value'))
    expect(res).toEqual({ status: 302, location: '/login?sso_error=SSO_FAILED', cookie: null })
  })

  it('refuses an ID token whose nonce is not the one this browser started with', async () => {
    provider.signInAs({ email: 'senior@resolutionflow.example.com', name: 'Sam' })
    // The browser's flow cookie re-signed with the app's key, with `change` applied to it.
    const resign = (change: (flow: Record<string, string>) => void) => (_callback: URL, jar: Map<string, string>) => {
      const flow = JSON.parse(Buffer.from(t.app.unsignCookie(decodeURIComponent(jar.get('rf_oidc')!)).value!, 'base64url').toString())
      change(flow)
      jar.set('rf_oidc', encodeURIComponent(t.app.signCookie(Buffer.from(JSON.stringify(flow)).toString('base64url'))))
    }
    // Control: re-signing alone changes nothing, so the refusal below is the nonce check.
    expect((await ssoSignIn(resign(() => {}))).location).toBe('/')
    const res = await ssoSignIn(resign((flow) => (flow.nonce = 'some-other-nonce-value')))
    expect(res).toEqual({ status: 302, location: '/login?sso_error=SSO_FAILED', cookie: null })
  })

  it('refuses a callback without the flow cookie, or with a forged one', async () => {
    provider.signInAs({ email: 'senior@resolutionflow.example.com', name: 'Sam' })
    expect(await ssoSignIn((_c, jar) => jar.delete('rf_oidc'))).toMatchObject({ location: '/login?sso_error=SSO_FAILED', cookie: null })
    expect(await ssoSignIn((_c, jar) => jar.set('rf_oidc', 'eyJ9.unsigned'))).toMatchObject({ location: '/login?sso_error=SSO_FAILED', cookie: null })
  })

  it('refuses an unknown e-mail with a clear reason and creates nobody', async () => {
    provider.signInAs({ email: 'stranger@elsewhere.example', name: 'Stranger' })
    const res = await ssoSignIn()
    expect(res).toEqual({ status: 302, location: '/login?sso_error=SSO_UNKNOWN_EMAIL', cookie: null })
    expect(await t.app.db.prisma.user.count({ where: { email: 'stranger@elsewhere.example' } })).toBe(0)
  })

  it('an invited e-mail joins with the invited role at its first SSO sign-in; the invitation is used', async () => {
    const { invitation } = (await invite(t, admin, 'invited.sso@partner.example', 'senior')).json()
    provider.signInAs({ email: 'invited.sso@partner.example', name: 'Ivy Invited' })
    const res = await ssoSignIn()
    expect(res).toMatchObject({ status: 302, location: '/' })
    expect((await me(res.cookie!)).json().user).toMatchObject({ name: 'Ivy Invited', role: 'senior', organization: { name: 'Acme MSP' } })
    const row = await t.app.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })
    expect(row.acceptedAt).not.toBeNull()
    const audit = (await t.app.inject({ url: '/api/audit', headers: { cookie: admin } })).json().entries[0]
    expect(audit).toMatchObject({ action: 'member.joined_with_sso', data: { via: 'invitation', role: 'senior' } })
  })

  it('an unknown e-mail of a domain the admin allowed gets an engineer account (just in time)', async () => {
    await t.app.inject({ method: 'PATCH', url: '/api/organization', headers: { cookie: admin }, payload: { sso: { jit_domains: ['acme-staff.example'] } } })
    provider.signInAs({ email: 'jit.person@acme-staff.example', name: 'Jo Jit' })
    const res = await ssoSignIn()
    expect(res).toMatchObject({ status: 302, location: '/' })
    expect((await me(res.cookie!)).json().user).toMatchObject({ name: 'Jo Jit', role: 'engineer' })
    // Another domain is still refused.
    provider.signInAs({ email: 'jit.person@not-allowed.example', name: 'No' })
    expect((await ssoSignIn()).location).toBe('/login?sso_error=SSO_UNKNOWN_EMAIL')
  })

  it("refuses a deactivated member, another organization's member and an unverified e-mail", async () => {
    const jamie = await t.app.db.prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
    await t.app.inject({ method: 'PATCH', url: `/api/members/${jamie.id}`, headers: { cookie: admin }, payload: { active: false } })
    provider.signInAs({ email: 'engineer@resolutionflow.example.com', name: 'Jamie' })
    expect((await ssoSignIn()).location).toBe('/login?sso_error=SSO_ACCOUNT_UNAVAILABLE')
    await t.app.inject({ method: 'PATCH', url: `/api/members/${jamie.id}`, headers: { cookie: admin }, payload: { active: true } })

    provider.signInAs({ email: 'admin@globex.example.com', name: 'Priya' })
    expect((await ssoSignIn()).location).toBe('/login?sso_error=SSO_ACCOUNT_UNAVAILABLE')
    provider.signInAs({ email: 'unverified@acme-staff.example', name: 'U', email_verified: false })
    expect((await ssoSignIn()).location).toBe('/login?sso_error=SSO_NO_EMAIL')
    expect(await t.app.db.prisma.user.count({ where: { email: 'unverified@acme-staff.example' } })).toBe(0)
  })
})

describe('the client secret at rest', () => {
  it('is stored sealed, and members still sign in with it', async () => {
    const org = await t.app.db.prisma.organization.findUniqueOrThrow({ where: { slug: 'acme-msp' } })
    expect(org.oidcClientSecret).toMatch(/^sealed:v1:/)
    expect(org.oidcClientSecret).not.toContain('provider-secret')
    provider.signInAs({ email: 'senior@resolutionflow.example.com', name: 'Sam' })
    expect(await ssoSignIn()).toMatchObject({ status: 302, location: '/' })
  })

  it('a secret stored in plain before sealing still works and is sealed when next saved; one sealed under another SESSION_SECRET sends SSO back to the login page, and a new one can be saved', { timeout: 90_000 }, async () => {
    let database: TestDatabase
    let dataDir: string | null = null
    if (usingPostgres()) database = await createTestDatabase()
    else {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-sso-'))
      database = { env: { DATA_DIR: dataDir }, drop: async () => {} }
    }
    const secret = { SESSION_SECRET: 'one-session-secret-of-at-least-32-characters' }
    const sso = (client_secret: string) => ({ sso: { issuer: provider.issuer, client_id: 'resolutionflow', client_secret } })
    try {
      const first = await buildTestApp(secret, { database })
      const org = await first.app.db.prisma.organization.update({
        where: { slug: 'acme-msp' },
        data: { oidcIssuer: provider.issuer, oidcClientId: 'resolutionflow', oidcClientSecret: 'stored-in-plain' },
      })
      // Read as it is (a release before this one wrote it), so replicas of both can run side by side.
      expect(first.app.deps.secrets.open(org.oidcClientSecret!, org.id)).toBe('stored-in-plain')
      const morgan = await first.login('morgan')
      expect((await first.app.inject({ method: 'PATCH', url: '/api/organization', headers: { cookie: morgan }, payload: sso('saved-again') })).statusCode).toBe(200)
      const saved = (await first.app.db.prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).oidcClientSecret!
      expect(saved).toMatch(/^sealed:v1:/)
      expect(first.app.deps.secrets.open(saved, org.id)).toBe('saved-again')
      // Bound to its organization: copied onto another, it does not open.
      expect(() => first.app.deps.secrets.open(saved, 'another-organization')).toThrow(/cannot be read/)
      await first.close()

      const rotated = await buildTestApp({ SESSION_SECRET: 'another-session-secret-of-at-least-32-chars', SEED_DEMO: 'false' }, { database })
      const res = await rotated.app.inject({ url: start })
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe('/login?sso_error=SSO_FAILED')
      // The admin enters it again: saved, audited as replaced, and readable.
      const admin = await rotated.login('morgan')
      expect((await rotated.app.inject({ method: 'PATCH', url: '/api/organization', headers: { cookie: admin }, payload: sso('entered-again') })).statusCode).toBe(200)
      const again = (await rotated.app.db.prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).oidcClientSecret!
      expect(rotated.app.deps.secrets.open(again, org.id)).toBe('entered-again')
      await rotated.close()
    } finally {
      await database.drop()
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true })
    }
  })
})
