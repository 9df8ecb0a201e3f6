import { demoUsers } from './support/demo-users.ts'
import { expect, test } from './support/test.ts'

/**
 * The user's notification settings (on their account page), reached from the header. Whether this Chromium can subscribe
 * to Web Push is probed, not assumed: headless Chromium here has the Push API but no
 * reachable push service, so a real subscription cannot be made in this suite.
 */
test('the account page opens from the header with notification preferences and push for this browser', async ({ signInAs }) => {
  const sam = await signInAs(demoUsers.sam)
  await sam.page.goto('/')
  await sam.page.getByRole('banner').getByRole('link', { name: 'Account' }).click()
  await expect(sam.page).toHaveURL(/\/account$/)
  await expect(sam.page.getByRole('heading', { name: 'Notifications', exact: true })).toBeVisible()
  await expect(sam.page.getByRole('group', { name: 'Notify me about escalations by' })).toBeVisible()
  for (const channel of [/Desktop notifications/, /Push notifications/, /E-mail/]) {
    await expect(sam.page.getByRole('switch', { name: channel })).toBeVisible()
  }
  await expect(sam.page.getByRole('button', { name: 'Turn on desktop notifications' })).toBeVisible()

  const push = await sam.page.evaluate(() => ({
    secure: window.isSecureContext,
    serviceWorker: 'serviceWorker' in navigator,
    pushManager: 'PushManager' in window,
  }))
  test.info().annotations.push({ type: 'push support', description: JSON.stringify(push) })
  if (push.secure && push.serviceWorker && push.pushManager) {
    await expect(sam.page.getByRole('button', { name: 'Turn on for this browser' })).toBeVisible()
    // The service worker the push notifications need is served from the site root.
    const sw = await sam.page.request.get('/sw.js')
    expect(sw.ok()).toBe(true)
    expect(await sw.text()).toContain("addEventListener('notificationclick'")
  } else {
    await expect(sam.page.getByText(/does not support push notifications/)).toBeVisible()
  }
})

test("admins reach the webhooks page from the organization's settings", async ({ signInAs }) => {
  const morgan = await signInAs(demoUsers.morgan)
  await morgan.page.goto('/settings')
  await morgan.page.getByRole('link', { name: /Webhooks for Teams, Slack/ }).click()
  await expect(morgan.page).toHaveURL(/\/admin\/webhooks$/)
  await expect(morgan.page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible()
  await expect(morgan.page.getByRole('form', { name: 'Add a webhook' })).toBeVisible()
})
