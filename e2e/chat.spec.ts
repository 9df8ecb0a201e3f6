import { ChatPage } from './pages/chat-page.ts'
import { expectNoSeriousA11yViolations } from './support/accessibility.ts'
import { PRINTER_PROBLEM } from './support/api.ts'
import { demoUsers } from './support/demo-users.ts'
import { holdNextRequest } from './support/hold-request.ts'
import { expectNotCovering } from './support/layout.ts'
import { saveScreenshot } from './support/screenshots.ts'
import { recordStreamingReply } from './support/stream-recorder.ts'
import { expect, test, type Actor } from './support/test.ts'

test('a junior describes a printer problem, watches the reply stream in and works the task lane', async ({ signInAs, uniqueTitle }) => {
  const { page } = await signInAs(demoUsers.jamie)
  const chat = new ChatPage(page)
  // The session takes its title from the first line: the unique part goes first, where it survives truncation.
  const floor = uniqueTitle('Floor 3')
  const firstLine = `${floor}: ${PRINTER_PROBLEM}`

  await test.step('start a new session from the sidebar', async () => {
    await page.goto('/')
    await chat.sidebar.getByRole('button', { name: 'New session' }).click()
    await expect(page).toHaveURL(/\/chat\/[\w-]+$/)
    await expect(chat.emptyConversation).toBeVisible()
    await expect(chat.composer).toBeFocused()
  })

  await test.step('Shift+Enter starts a new line instead of sending', async () => {
    await chat.composer.fill(firstLine)
    await chat.composer.press('Shift+Enter')
    await chat.composer.pressSequentially('Which spooler logs should I check?')
    await expect(chat.composer).toHaveValue(`${firstLine}\nWhich spooler logs should I check?`)
    await expect(chat.emptyConversation).toBeVisible()
  })

  // The reply request is held until the in-flight state has been checked, then streams normally.
  const reply = await holdNextRequest(page, '**/api/sessions/*/messages')
  const recorder = await recordStreamingReply(page)

  await test.step('Enter sends; while the reply is on its way the assistant shows it is replying', async () => {
    await chat.composer.press('Enter')
    await reply.arrived
    await expect(chat.messageFrom('Jamie Rivera')).toContainText('Which spooler logs should I check?')
    await expect(chat.replyInProgress).toHaveAttribute('aria-busy', 'true')
    await expect(chat.composer).toBeDisabled()
    await expect(chat.composer).toHaveAttribute('placeholder', 'The assistant is replying…')
    await expect(chat.stop).toBeVisible()
    await expect(chat.emptyConversation).toBeHidden()
  })

  await test.step('the reply streams in, then stands as the final message', async () => {
    await reply.release()
    const assistant = chat.messageFrom('Assistant')
    await expect(assistant).toContainText('Printer offline / print spooler')
    await expect(assistant).toContainText('I\'ve added 5 steps to the task lane')
    await expect(chat.replyInProgress).toHaveCount(0)
    await expect(assistant).not.toHaveAttribute('aria-busy', 'true')
    // It grew in several visible steps rather than appearing whole.
    const lengths = await recorder.lengths()
    expect(lengths.length, `reply lengths rendered while streaming: ${lengths.join(', ')}`).toBeGreaterThanOrEqual(3)
    expect(lengths.at(-1)!).toBeGreaterThan(lengths[0]!)
    // The composer is back, empty, and keeps the focus it had when Enter was pressed.
    await expect(chat.composer).toBeEnabled()
    await expect(chat.composer).toHaveValue('')
    await expect(chat.composer).toBeFocused()
    // The first message names the session in the sidebar.
    await expect(chat.sidebarLink(floor)).toBeVisible()
  })

  await test.step('the proposed steps appear as task-lane cards', async () => {
    await expect(chat.taskCard(0)).toContainText('Check scope and the printer itself')
    await expect(chat.taskCard(4)).toBeVisible()
    await expect(chat.taskCard(5)).toHaveCount(0)
    await expect(chat.taskProgress).toHaveText('0 of 5 done')
    await saveScreenshot(page, 'chat.png')
  })

  await test.step('checking a step off changes its status, and it stays done after a reload', async () => {
    const card = chat.taskCard(0)
    await expect(card.getByText('To do', { exact: true })).toBeVisible()
    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/tasks/'))
    await card.getByRole('button', { name: 'Done' }).click()
    await expect(card).toHaveAttribute('data-status', 'done')
    await expect(card.getByText('Done', { exact: true })).toBeVisible()
    await expect(card.getByRole('button', { name: 'Undo' })).toBeVisible()
    await expect(chat.taskProgress).toHaveText('1 of 5 done')
    expect((await saved).ok()).toBe(true)

    await page.reload()
    await expect(chat.taskCard(0)).toHaveAttribute('data-status', 'done')
    await expect(chat.taskCard(0).getByRole('button', { name: 'Undo' })).toBeVisible()
    await expect(chat.taskCard(1)).toHaveAttribute('data-status', 'todo')
    await expect(chat.taskProgress).toHaveText('1 of 5 done')
  })

  await test.step('the chat page has no serious accessibility violations', async () => {
    await expectNoSeriousA11yViolations(page)
  })
})

/**
 * Jamie's session with the printer problem, at this screen size, while the page is on a newer
 * session: the drawer is how Jamie gets back to the first.
 */
async function behindANewerSession(jamie: Actor, uniqueTitle: (base: string) => string, name: string, viewport: { width: number; height: number }) {
  const { page } = jamie
  const title = uniqueTitle(`${name} printer`)
  const session = await jamie.api.createSession(title)
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  const newer = await jamie.api.createSession(uniqueTitle(`${name} other`))
  await page.setViewportSize(viewport)
  const chat = new ChatPage(page)
  await chat.goto(newer.id)
  return { page, chat, title, session }
}

test('at tablet width, by keyboard alone: the sessions drawer opens a chat beside its task lane, a step is checked off', async ({ signInAs, uniqueTitle }) => {
  const { page, chat, title, session } = await behindANewerSession(await signInAs(demoUsers.jamie), uniqueTitle, 'Tablet', { width: 768, height: 1024 })

  await test.step('the sidebar is a drawer behind the Sessions button', async () => {
    const drawerButton = page.getByRole('button', { name: 'Sessions' })
    await expect(chat.sidebarLink(title)).not.toBeInViewport()
    await drawerButton.focus()
    await page.keyboard.press('Enter')
    await expect(drawerButton).toHaveAttribute('aria-expanded', 'true')
    await expect(chat.sidebarLink(title)).toBeInViewport()
    // Focus moves into the drawer, and the greyed-out page behind it is out of Tab's reach.
    const focusIn = (selector: string) => page.evaluate((s) => Boolean(document.querySelector(s)?.contains(document.activeElement)), selector)
    await expect.poll(() => focusIn('#app-sidebar'), { message: 'focus inside the drawer' }).toBe(true)
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Shift+Tab')
      expect(await focusIn('#main-content'), 'Shift+Tab stays out of the page behind the drawer').toBe(false)
    }
    await page.keyboard.press('Escape')
    await expect(drawerButton).toHaveAttribute('aria-expanded', 'false')
    await expect(drawerButton).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(drawerButton).toHaveAttribute('aria-expanded', 'true')
    await chat.sidebarLink(title).focus()
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`/chat/${session.id}$`))
    await expect(chat.sidebarLink(title)).not.toBeInViewport()
  })

  await test.step('the conversation, the composer and the task lane all fit, with no sideways scrolling', async () => {
    await expect(chat.messageFrom('Jamie Rivera')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Conversation' })).toBeInViewport()
    await expect(chat.composer).toBeInViewport({ ratio: 1 })
    await expect(chat.taskCard(0)).toBeInViewport({ ratio: 1 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768)
  })

  await test.step("a step's Done button is reached with Tab and pressed with Space", async () => {
    const done = chat.taskCard(0).getByRole('button', { name: 'Done' })
    await chat.composer.focus()
    for (let i = 0; i < 10 && !(await done.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
    await expect(done).toBeFocused()
    await page.keyboard.press('Space')
    await expect(chat.taskCard(0)).toHaveAttribute('data-status', 'done')
    await expect(chat.taskProgress).toHaveText('1 of 5 done')
  })
})

test('on a phone, a session followed from the drawer takes focus from the link, which slides away with it', async ({ signInAs, uniqueTitle }) => {
  const { page, chat, title, session } = await behindANewerSession(await signInAs(demoUsers.jamie), uniqueTitle, 'Phone drawer', { width: 390, height: 844 })
  const drawerButton = page.getByRole('button', { name: 'Sessions' })

  await drawerButton.focus()
  await page.keyboard.press('Enter')
  await expect(chat.sidebarLink(title)).toBeInViewport()
  await chat.sidebarLink(title).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/chat/${session.id}$`))
  await expect(drawerButton).toHaveAttribute('aria-expanded', 'false')
  await expect(chat.messageFrom('Jamie Rivera')).toBeVisible()

  // The link is hidden with the drawer; focus is on the session it opened, with its ring showing.
  await expect(chat.sidebarLink(title)).toBeHidden()
  await expect(chat.main).toBeFocused()
  await expect(chat.main).toBeInViewport()
  expect(
    await chat.main.evaluate((element) => {
      const { outlineStyle, outlineWidth } = getComputedStyle(element)
      return element.matches(':focus-visible') && outlineStyle !== 'none' && parseFloat(outlineWidth) > 0
    }),
    'the focus ring shows on the page',
  ).toBe(true)
  // The next Tab goes on into the conversation, not back into the hidden drawer.
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => Boolean(document.getElementById('main-content')?.contains(document.activeElement)))).toBe(true)
})

test('on a phone: the actions menu closes on a choice, focus comes back to ⋯ and the title, and toasts keep off the toolbar', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const { page } = jamie
  const session = await jamie.api.createSession(uniqueTitle('Phone printer'))
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  await page.setViewportSize({ width: 390, height: 844 })
  const chat = new ChatPage(page)
  await chat.goto(session.id)
  const actions = chat.main.getByRole('button', { name: 'Session actions' })

  await test.step('renaming with Enter gives focus back to Rename', async () => {
    await chat.main.getByRole('button', { name: 'Rename session' }).click()
    await chat.main.getByRole('textbox', { name: 'Session title' }).fill(uniqueTitle('Phone printer renamed'))
    await page.keyboard.press('Enter')
    await expect(chat.main.getByRole('button', { name: 'Rename session' })).toBeFocused()
  })

  await test.step('choosing Resolve closes the menu; the dialog has focus, then gives it to ⋯', async () => {
    await actions.click()
    await expect(actions).toHaveAttribute('aria-expanded', 'true')
    await chat.main.getByRole('button', { name: 'Resolve' }).click()
    const dialog = page.getByRole('dialog', { name: 'Resolve this session' })
    await expect(dialog).toBeVisible()
    await expect(actions).toHaveAttribute('aria-expanded', 'false')
    await expect(dialog.getByLabel('What fixed it')).toBeFocused()
    await dialog.getByLabel('What fixed it').fill('Printer needed a firmware reboot')
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('resolution-banner')).toBeVisible()
    await expect(actions).toHaveAttribute('aria-expanded', 'false')
    await expect(actions).toBeFocused()
  })

  await test.step('the toast sits above the composer, clear of the title, ⋯ and Send', async () => {
    const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'Session resolved' })
    await expect(toast).toHaveAttribute('data-mounted', 'true')
    // Where it comes to rest: it slides in from below the screen, across the composer.
    await toast.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)))
    await expectNotCovering(toast, chat.title.or(actions).or(chat.send), 'the title, ⋯ and Send')
  })
})

test('on a wide screen, a toast comes under the toolbar and its banner, clear of their controls, Send and the task lane', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const { page } = jamie
  // As long as a real title: the toolbar's middle is the title and its Rename button.
  const session = await jamie.api.createSession(uniqueTitle('Reception printer shows offline for everyone on floor 3 since this morning'))
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  await page.setViewportSize({ width: 1440, height: 900 })
  const chat = new ChatPage(page)
  await chat.goto(session.id)

  await chat.toolbar.getByRole('button', { name: 'Resolve' }).click()
  const dialog = page.getByRole('dialog', { name: 'Resolve this session' })
  await dialog.getByLabel('What fixed it').fill('Printer needed a firmware reboot')
  await dialog.getByRole('button', { name: 'Resolve' }).click()
  // The banner that says so appears under the toolbar as the toast does.
  const banner = page.getByTestId('resolution-banner')
  await expect(banner).toBeVisible()

  const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'Session resolved' })
  await expect(toast).toHaveAttribute('data-mounted', 'true')
  // Where it comes to rest: it slides in from above.
  await toast.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)))
  const toolbarButtons = chat.toolbar.getByRole('button')
  await expect(toolbarButtons.filter({ hasText: 'Reopen' })).toBeVisible()
  await expect(chat.taskCard(4)).toBeVisible()
  await expect(chat.send).toBeVisible()
  await expectNotCovering(toast, toolbarButtons, "the toolbar's buttons")
  await expectNotCovering(toast, chat.toolbar.or(banner), 'the toolbar and the banner under it')
  await expectNotCovering(toast, chat.send.or(page.locator('.task-card')), 'Send and the task cards')
})
