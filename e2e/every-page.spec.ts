import type { Page } from '@playwright/test'
import { ResolutionFlowApi } from './support/api.ts'
import { expectNoA11yViolations } from './support/accessibility.ts'
import { demoUsers } from './support/demo-users.ts'
import { expectNoSidewaysScroll, SCREENS } from './support/layout.ts'
import { expect, test } from './support/test.ts'

/**
 * The team's pages, the links people get by e-mail and first-run setup, at the same widths as
 * every-screen.spec.ts: nothing scrolls sideways and axe finds nothing at all. (The chat, the
 * handoff screen, metrics and the bell are checked there.)
 */

const PASSWORD = 'correct horse battery staple'

let links: { invitation: string; reset: string }

test.beforeAll(async ({ playwright }, testInfo) => {
  const context = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL })
  const morgan = new ResolutionFlowApi(context)
  await morgan.signIn(demoUsers.morgan)
  const suffix = Math.random().toString(36).slice(2, 8)
  const invite = async (email: string) => {
    const res = await context.post('/api/invitations', { data: { email, role: 'senior' } })
    expect(res.status()).toBe(201)
    return ((await res.json()) as { invitation: { url: string } }).invitation.url
  }
  // One invitation stays open; another is accepted, so its member can be sent a reset link.
  const invitation = await invite(`pending-${suffix}@acme.example`)
  const accepted = await invite(`reset-${suffix}@acme.example`)
  const newcomer = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL })
  const joined = await newcomer.post(`/api${new URL(accepted).pathname.replace('/invite/', '/invitations/')}/accept`, {
    data: { name: `Riley Newcomer ${suffix}`, password: PASSWORD },
  })
  expect(joined.status()).toBe(200)
  const { user } = (await joined.json()) as { user: { id: string } }
  const reset = await context.post(`/api/members/${user.id}/password-reset`, { data: {} })
  expect(reset.status()).toBe(201)
  links = { invitation: new URL(invitation).pathname, reset: new URL(((await reset.json()) as { reset: { url: string } }).reset.url).pathname }
  // A full first page of the audit log, however many entries the earlier files left: taller than
  // every screen below, so the page scrolls (see the audit step).
  // One with a long address, as people have: it must wrap on a phone, not widen the page.
  await invite(`morgan.lee.helpdesk.escalations.${suffix}@acme-managed-services.example`)
  const audit = await context.get('/api/audit?limit=25')
  const recorded = ((await audit.json()) as { entries: unknown[] }).entries.length
  for (let i = recorded; i < 25; i++) await invite(`audit-${i}-${suffix}@acme.example`)
  await Promise.all([context.dispose(), newcomer.dispose()])
})

async function expectPageFits(page: Page, heading: string | RegExp, where: string) {
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible()
  // Loaded: the lists and forms are in, not their placeholders (they are narrower).
  await expect(page.locator('.skeleton, .spinner')).toHaveCount(0)
  await expectNoSidewaysScroll(page, where)
  await expectNoA11yViolations(page, where)
}

for (const { width, height } of SCREENS) {
  test(`the team's pages at ${width}×${height}: no sideways scroll, no axe violations`, async ({ browser }) => {
    test.setTimeout(180_000)
    const at = (what: string) => `${what} at ${width}px`

    const visitor = await browser.newContext({ viewport: { width, height } })
    const signedOut = await visitor.newPage()
    await test.step('an invitation link', async () => {
      await signedOut.goto(links.invitation)
      await expectPageFits(signedOut, /^Join /, at('the invitation page'))
    })
    await test.step('a password reset link', async () => {
      await signedOut.goto(links.reset)
      await expectPageFits(signedOut, 'Choose a new password', at('the password reset page'))
    })
    await test.step('first-run setup', async () => {
      // This server has its organizations; the page is shown as on a new installation.
      await signedOut.route('**/api/setup', (route) =>
        route.request().method() === 'GET' ? route.fulfill({ json: { needed: true, demo_accounts: false } }) : route.continue(),
      )
      await signedOut.goto('/setup')
      await expectPageFits(signedOut, 'Set up ResolutionFlow', at('the setup page'))
    })
    await visitor.close()

    const context = await browser.newContext({ viewport: { width, height } })
    await new ResolutionFlowApi(context.request).signIn(demoUsers.morgan)
    const page = await context.newPage()
    await test.step('People, with its members listed', async () => {
      await page.goto('/people')
      await expect(page.getByRole('row', { name: /Morgan Lee/ })).toBeVisible()
      await expectPageFits(page, 'People', at('People'))
    })
    const pages = [
      ['/settings', 'Settings'],
      ['/audit', 'Audit log'],
      ['/admin/webhooks', 'Webhooks'],
      ['/account', 'Your account'],
      ['/no-such-page', 'Page not found'],
    ] as const
    // The audit log's last page: a scrolling list with no button under it, so nothing in the
    // page is focusable but the scrolling column itself (axe: scrollable-region-focusable).
    await page.route('**/api/audit?*', async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, json: { ...(await response.json()), next_cursor: null } })
    })
    for (const [url, heading] of pages) {
      await test.step(heading, async () => {
        await page.goto(url)
        await expectPageFits(page, heading, at(heading))
      })
    }
    await context.close()
  })
}
