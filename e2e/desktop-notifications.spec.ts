import type { Page } from '@playwright/test'
import { HandoffScreen } from './pages/handoff-screen.ts'
import { Bell } from './pages/bell.ts'
import { PRINTER_PROBLEM } from './support/api.ts'
import { demoUsers } from './support/demo-users.ts'
import { expect, test } from './support/test.ts'

type Recorded = { title: string; body: string | undefined; tag: string | undefined }

declare global {
  interface Window {
    __desktopNotifications: Array<Recorded & { instance: Notification }>
    __setTabHidden: (hidden: boolean) => void
  }
}

/**
 * Records every Notification the page constructs (the real one, whose permission the
 * context grants) so the test can read it and click it, and lets the test hide the tab:
 * document.visibilityState is what the app reads, and visibilitychange what it hears.
 */
async function instrument(page: Page) {
  await page.addInitScript(() => {
    const Original = window.Notification
    window.__desktopNotifications = []
    class RecordingNotification extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options)
        window.__desktopNotifications.push({ title, body: options?.body, tag: options?.tag, instance: this })
      }
    }
    window.Notification = RecordingNotification as typeof Notification
    let hidden = false
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') })
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
    window.__setTabHidden = (value) => {
      hidden = value
      document.dispatchEvent(new Event('visibilitychange'))
    }
  })
}

const recorded = (page: Page) =>
  page.evaluate(() => window.__desktopNotifications.map(({ title, body, tag }) => ({ title, body, tag })))

test('a hidden tab raises a desktop notification for a new escalation, and its click opens the pickup screen', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  await sam.page.context().grantPermissions(['notifications'])
  await instrument(sam.page)

  const liveStream = sam.page.waitForResponse((r) => r.url().endsWith('/api/events'))
  await sam.page.goto('/')
  await liveStream
  const bell = new Bell(sam.page)
  const unreadBefore = (await sam.api.notifications()).unread
  await expect(bell.button).toHaveAccessibleName(Bell.labelFor(unreadBefore))
  // Permission granted: the bell's panel says so instead of offering the button.
  await bell.button.click()
  await expect(sam.page.getByText('Desktop notifications are on in this browser.')).toBeVisible()
  await sam.page.keyboard.press('Escape')

  await test.step('a visible tab has the bell: no desktop notification', async () => {
    const visible = await jamie.api.createSession(uniqueTitle('Printer while looking'))
    await jamie.api.escalate(visible.id)
    await expect(bell.button).toHaveAccessibleName(Bell.labelFor(unreadBefore + 1))
    expect(await recorded(sam.page)).toEqual([])
  })

  const title = uniqueTitle('Printer while away')
  const session = await jamie.api.createSession(title)
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)

  await test.step('the tab is hidden when the escalation arrives: one desktop notification', async () => {
    await sam.page.evaluate(() => window.__setTabHidden(true))
    await jamie.api.escalate(session.id, 'Still offline after the power cycle.')
    await expect.poll(() => recorded(sam.page)).toHaveLength(1)
    const [notification] = await recorded(sam.page)
    expect(notification!.title).toContain('Jamie Rivera')
    expect(notification!.body).toContain(title)
    expect(notification!.tag).toMatch(/^handoff-/)
  })

  await test.step('clicking it brings the tab to the pickup screen', async () => {
    await sam.page.evaluate(() => {
      window.__setTabHidden(false)
      const { instance } = window.__desktopNotifications[0]!
      instance.onclick?.call(instance, new Event('click'))
    })
    await expect(sam.page).toHaveURL(new RegExp(`/chat/${session.id}\\?pickup=true$`))
    await expect(new HandoffScreen(sam.page).choicesHeading).toBeVisible()
    await expect(sam.page.getByRole('dialog', { name: `Handoff: ${title}` })).toBeVisible()
  })
})

test('the permission is asked only from the visible control, never on page load', async ({ signInAs }) => {
  const sam = await signInAs(demoUsers.sam)
  await sam.page.addInitScript(() => {
    const asked: string[] = []
    Object.assign(window, { __permissionAsked: asked })
    let permission: NotificationPermission = 'default'
    Object.defineProperty(window.Notification, 'permission', { configurable: true, get: () => permission })
    window.Notification.requestPermission = async () => {
      asked.push(new Date().toISOString())
      permission = 'granted'
      return permission
    }
  })
  const liveStream = sam.page.waitForResponse((r) => r.url().endsWith('/api/events'))
  await sam.page.goto('/')
  await liveStream
  const asked = () => sam.page.evaluate(() => (window as unknown as { __permissionAsked: string[] }).__permissionAsked.length)
  expect(await asked()).toBe(0)

  await new Bell(sam.page).button.click()
  await sam.page.getByRole('button', { name: 'Turn on desktop notifications' }).click()
  await expect(sam.page.getByText('Desktop notifications are on in this browser.')).toBeVisible()
  expect(await asked()).toBe(1)
})
