import { ChatPage } from './pages/chat-page.ts'
import { EscalateDialog } from './pages/escalate-dialog.ts'
import { HandoffScreen } from './pages/handoff-screen.ts'
import { PRINTER_PROBLEM } from './support/api.ts'
import { demoUsers } from './support/demo-users.ts'
import { startFreshServer } from './support/fresh-server.ts'
import { expect, test } from './support/test.ts'
import { startOidcProvider } from '../apps/api/test/support/oidc-provider.ts'

const APP_PORT = Number(process.env.E2E_PORT ?? 8123)
const PASSWORD = 'a long and memorable passphrase'

test('a new MSP moves in: first-run setup, invite an engineer, who accepts, escalates, and the admin picks up', async ({ browser }) => {
  test.setTimeout(180_000)
  const server = await startFreshServer(APP_PORT + 1)
  try {
    const adminContext = await browser.newContext({ baseURL: server.url })
    const admin = await adminContext.newPage()

    await test.step('an empty installation opens the setup page; it creates the organization and its admin', async () => {
      await admin.goto('/')
      await expect(admin).toHaveURL(/\/setup$/)
      await admin.getByLabel('Organization name').fill('Northwind Support')
      await admin.getByLabel('Your name').fill('Riley Quinn')
      await admin.getByLabel('Your e-mail').fill('riley@northwind.example')
      await admin.getByLabel('Password').fill('short')
      await expect(admin.getByText('Use at least 12 characters')).toBeVisible()
      await expect(admin.getByRole('button', { name: 'Create organization' })).toBeDisabled()
      await admin.getByLabel('Password').fill(PASSWORD)
      await admin.getByRole('button', { name: 'Create organization' }).click()
      await expect(admin.getByRole('heading', { name: 'People', level: 1 })).toBeVisible()
      await expect(admin.getByRole('row', { name: /Riley Quinn/ })).toContainText('Active')
    })

    await test.step('setup is gone once done', async () => {
      const again = await adminContext.request.post('/api/setup', {
        data: { organization_name: 'Other', name: 'X', email: 'x@x.example', password: PASSWORD },
      })
      expect(again.status()).toBe(409)
    })

    let link = ''
    await test.step('the admin invites an engineer and gets the link to copy (no SMTP configured)', async () => {
      const invite = admin.getByRole('region', { name: 'Invite someone' })
      await invite.getByLabel('E-mail').fill('dana@northwind.example')
      await invite.getByLabel('Role').selectOption('engineer')
      await invite.getByRole('button', { name: 'Send invitation' }).click()
      const input = invite.getByLabel('Invitation link for dana@northwind.example')
      await expect(input).toHaveValue(/\/invite\//)
      link = await input.inputValue()
      await expect(admin.getByRole('region', { name: 'Open invitations' })).toContainText('dana@northwind.example')
    })

    const engineerContext = await browser.newContext({ baseURL: server.url })
    const engineer = await engineerContext.newPage()
    await test.step('the engineer opens the link in their own browser, sets name and password, and is in', async () => {
      await engineer.goto(new URL(link).pathname)
      await expect(engineer.getByRole('heading', { name: 'Join Northwind Support' })).toBeVisible()
      await expect(engineer.getByLabel('E-mail')).toHaveValue('dana@northwind.example')
      await engineer.getByLabel('Your name').fill('Dana Cho')
      await engineer.getByLabel('Password').fill(PASSWORD)
      await engineer.getByRole('button', { name: 'Join' }).click()
      await expect(engineer.getByText('Dana Cho')).toBeVisible()
      // The link works once.
      const reuse = await engineerContext.request.post(`/api${new URL(link).pathname.replace('/invite/', '/invitations/')}/accept`, {
        data: { name: 'Dana again', password: PASSWORD },
      })
      expect(reuse.status()).toBe(409)
    })

    const session = await test.step('the engineer troubleshoots and escalates', async () => {
      const created = await engineerContext.request.post('/api/sessions', { data: { title: 'Northwind printer' } })
      const { session } = (await created.json()) as { session: { id: string } }
      await engineerContext.request.post(`/api/sessions/${session.id}/messages`, { data: { content: PRINTER_PROBLEM } })
      const chat = new ChatPage(engineer)
      await chat.goto(session.id)
      await chat.escalate.click()
      const dialog = new EscalateDialog(engineer)
      await dialog.note.fill('Printer still offline after the playbook, please take over.')
      await dialog.submit.click()
      await expect(chat.handoffBanner).toContainText('Escalated · waiting for a senior')
      return session
    })

    await test.step('the admin, a senior too, picks up from the queue; the engineer sees it live', async () => {
      const adminChat = new ChatPage(admin)
      await admin.goto('/')
      await expect(adminChat.queueItem('Northwind printer')).toContainText('Dana Cho')
      await adminChat.queueItem('Northwind printer').click()
      const screen = new HandoffScreen(admin, 'Dana Cho')
      await expect(screen.root).toContainText('Escalated by Dana Cho')
      await screen.ownChoice.click()
      await expect(screen.root).toBeHidden()
      await expect(new ChatPage(engineer).handoffBanner).toContainText('Picked up by Riley Quinn')
      expect(new URL(admin.url()).pathname).toBe(`/chat/${session.id}`)
    })

    await test.step('the admin deactivates the engineer: their open page loses its session at once', async () => {
      await admin.goto('/people')
      await admin.getByRole('button', { name: 'Deactivate Dana Cho' }).click()
      await expect(admin.getByRole('row', { name: /Dana Cho/ })).toContainText('Deactivated')
      const me = await engineerContext.request.get('/api/me')
      expect(me.status()).toBe(401)
      // The last admin cannot deactivate themselves: the page does not offer it.
      await expect(admin.getByRole('button', { name: 'Deactivate Riley Quinn' })).toBeDisabled()
    })
    await engineerContext.close()
    await adminContext.close()
  } finally {
    await server.stop()
  }
})

test('signing in with SSO: the login page sends the browser to the provider and back, signed in', async ({ browser, signInAs }) => {
  const provider = await startOidcProvider({
    clientId: 'rf-e2e',
    clientSecret: 'e2e-secret',
    redirectUri: `http://127.0.0.1:${APP_PORT}/api/auth/oidc/callback`,
  })
  try {
    const priya = await signInAs(demoUsers.priya)
    const configured = await priya.page.request.patch('/api/organization', {
      data: { sso: { issuer: provider.issuer, client_id: 'rf-e2e', client_secret: 'e2e-secret' } },
    })
    expect(configured.ok()).toBe(true)
    provider.signInAs({ email: demoUsers.alex.email, name: 'Alex at the IdP' })

    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByRole('button', { name: /Sign in with SSO/ }).click()
    await page.getByLabel('Organization').fill('globex-it')
    await page.getByRole('button', { name: 'Continue with SSO' }).click()
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/(chat\/.*)?$/)
    // Signed in as Alex: the header names him (his own session, which opens beside it, does too).
    await expect(page.getByRole('banner').getByText(demoUsers.alex.name)).toBeVisible()

    // Someone the organization does not know is refused with the reason on the login page.
    provider.signInAs({ email: 'stranger@nowhere.example', name: 'Stranger' })
    const other = await (await browser.newContext()).newPage()
    await other.goto('/login?organization=globex-it')
    await other.getByRole('button', { name: 'Continue with SSO' }).click()
    await expect(other).toHaveURL(/sso_error=SSO_UNKNOWN_EMAIL/)
    await expect(other.getByRole('alert')).toContainText('not a member of this organization')
    await context.close()
  } finally {
    await provider.close()
  }
})
