import { AppHeader } from './pages/app-header.ts'
import { LoginPage } from './pages/login-page.ts'
import { expectNoSeriousA11yViolations } from './support/accessibility.ts'
import { DEMO_PASSWORD, demoUsers } from './support/demo-users.ts'
import { saveScreenshot } from './support/screenshots.ts'
import { expect, test } from './support/test.ts'

test.describe('sign-in', () => {
  for (const user of Object.values(demoUsers)) {
    test(`${user.name} (${user.organization}) signs in through the form and sees who and where they are`, async ({ page }) => {
      const login = new LoginPage(page)
      await login.goto()

      await login.signIn(user.email, DEMO_PASSWORD)

      const header = new AppHeader(page)
      await expect(header.text(user.name)).toBeVisible()
      await expect(header.text(user.organization)).toBeVisible()
      await expect(page).not.toHaveURL(/\/login/)
      await expect(login.heading).toBeHidden()
    })
  }

  test('a wrong password shows the inline error and stays on the sign-in page', async ({ page }) => {
    const login = new LoginPage(page)
    await login.goto()

    await login.signIn(demoUsers.jamie.email, 'not-the-password')

    await expect(login.error).toHaveText('Incorrect email or password')
    await expect(login.password).toHaveAttribute('aria-invalid', 'true')
    // Back on the sign-in page (a `next` back to where they were may ride along).
  await expect(page).toHaveURL(/\/login(\?next=[^&]*)?$/)
    await expect(new AppHeader(page).signOut).toBeHidden()
  })

  test('the sign-in page has no serious accessibility violations', async ({ page }) => {
    const login = new LoginPage(page)
    await login.goto()
    await expect(login.submit).toBeDisabled()
    await saveScreenshot(page, 'login.png')

    await expectNoSeriousA11yViolations(page)
  })
})

test('signing out returns to the sign-in page and ends the session', async ({ signInAs }) => {
  const { page } = await signInAs(demoUsers.sam)
  await page.goto('/')
  const header = new AppHeader(page)
  await expect(header.text('Sam Patel')).toBeVisible()

  await header.signOut.click()

  const login = new LoginPage(page)
  // Back on the sign-in page (a `next` back to where they were may ride along).
  await expect(page).toHaveURL(/\/login(\?next=[^&]*)?$/)
  await expect(login.heading).toBeVisible()
  expect((await page.request.get('/api/me')).status()).toBe(401)
  // The app agrees: going back in lands on the sign-in page again.
  await page.goto('/')
  await expect(login.heading).toBeVisible()
})
