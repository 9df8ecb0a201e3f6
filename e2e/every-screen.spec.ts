import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import type { HandoffResponse } from '../packages/shared/src/handoffs.ts'
import type { Session } from '../packages/shared/src/sessions.ts'
import { Bell } from './pages/bell.ts'
import { ChatPage } from './pages/chat-page.ts'
import { HandoffScreen } from './pages/handoff-screen.ts'
import { LoginPage } from './pages/login-page.ts'
import { expectNoA11yViolations } from './support/accessibility.ts'
import { PRINTER_PROBLEM, ResolutionFlowApi } from './support/api.ts'
import { demoUsers } from './support/demo-users.ts'
import { holdNextRequest } from './support/hold-request.ts'
import { expectInsideViewport, expectNoSidewaysScroll, SCREENS } from './support/layout.ts'
import { saveScreenshot } from './support/screenshots.ts'
import { ESCALATION_NOTE, seedEscalatedSession } from './support/seed.ts'
import { expect, test } from './support/test.ts'

/**
 * Every screen of the app at phone, tablet and laptop widths: nothing scrolls sideways, the
 * handoff screen's choices are in view without scrolling, and axe finds nothing at all.
 * The data is seeded once through the API; each width shares one browser context.
 */

// A title and a task-lane step with words too long for any line: they must wrap, not widen the page.
const LONG_TITLE =
  'Reception printer offline for everyone at the Harbourside office after the KB5005565PointAndPrintRestrictionsHardeningUpdate rollout'
// The printer playbook's later steps, one with `RestrictDriverInstallationToAdministrators` in its detail.
const FOLLOW_UP = 'Cleared the queue and restarted the spooler; it is still offline for everyone.'
const POINT_AND_PRINT_STEP = 'Check Point and Print policy after updates'

type Seeded = {
  /** Long title, an eight-step lane with long words, escalated and assessed: pending for Morgan. */
  longChat: { session: Session; handoff: HandoffResponse }
  /** Claimed by Morgan: the read-only overlay. */
  claimed: { session: Session; handoff: HandoffResponse }
  /** Five lane steps; the assessment also suggests playbook steps that are not in the lane. */
  partial: { session: Session; handoff: HandoffResponse }
}

let seeded: Seeded

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL
  const juniorContext = await playwright.request.newContext({ baseURL })
  const adminContext = await playwright.request.newContext({ baseURL })
  const jamie = new ResolutionFlowApi(juniorContext)
  const morgan = new ResolutionFlowApi(adminContext)
  await jamie.signIn(demoUsers.jamie)
  await morgan.signIn(demoUsers.morgan)
  const suffix = Math.random().toString(36).slice(2, 8)

  const session = await jamie.createSession(`${LONG_TITLE} ${suffix}`)
  await jamie.sendMessage(session.id, PRINTER_PROBLEM)
  const followUp = await jamie.sendMessage(session.id, FOLLOW_UP)
  expect(followUp.task_lane.map((task) => task.title)).toContain(POINT_AND_PRINT_STEP)
  const handoff = await jamie.waitForAssessment((await jamie.escalate(session.id, ESCALATION_NOTE)).id)

  const claimed = await seedEscalatedSession(jamie, `Overlay after the claim ${suffix}`)
  await morgan.claim(claimed.handoff.id, 'continue')
  const partial = await seedEscalatedSession(jamie, `Steps not in the lane ${suffix}`)

  seeded = { longChat: { session, handoff }, claimed, partial }
  await Promise.all([juniorContext.dispose(), adminContext.dispose()])
})

type AssessmentStub = 'pending' | 'failed' | null

/**
 * The offline assessment is written within ~100 ms of the escalation, and it never fails, so
 * no page load could find the other two states on its own. As in escalation.spec.ts, the page
 * is shown the real response with the assessment's state replaced, as with a slow or failing model.
 */
async function stubAssessmentState(page: Page, { session, handoff }: Seeded['longChat']) {
  const state: { stub: AssessmentStub } = { stub: null }
  const rewrite = <T extends object>(value: T) =>
    state.stub === 'pending'
      ? { ...value, assessment_status: 'pending', assessment_error: null, assessed_at: null, ai_assessment_data: null }
      : { ...value, assessment_status: 'failed', assessment_error: 'The model did not answer in time (3 attempts).', assessed_at: null, ai_assessment_data: null }
  await page.route(`**/api/handoffs/${handoff.id}`, async (route) => {
    const response = await route.fetch()
    if (!state.stub) return route.fulfill({ response })
    return route.fulfill({ response, json: rewrite(await response.json()) })
  })
  await page.route(`**/api/sessions/${session.id}`, async (route) => {
    const response = await route.fetch()
    if (!state.stub) return route.fulfill({ response })
    const detail = await response.json()
    return route.fulfill({ response, json: { ...detail, handoff: rewrite(detail.handoff) } })
  })
  return state
}

async function expectScreenFits(page: Page, where: string) {
  await expectNoSidewaysScroll(page, where)
  await expectNoA11yViolations(page, where)
}

async function signedInContext(context: BrowserContext) {
  const api = new ResolutionFlowApi(context.request)
  await api.signIn(demoUsers.morgan)
  return api
}

for (const { width, height } of SCREENS) {
  const phone = width <= 720

  test(`every screen at ${width}×${height}: no sideways scroll, choices in view, no axe violations`, async ({ browser }) => {
    // About ten pages, each checked with axe: longer than one flow, on a shared 2-core machine.
    test.setTimeout(240_000)
    const context = await browser.newContext({ viewport: { width, height } })
    const page = await context.newPage()
    const at = (what: string) => `${what} at ${width}px`

    await test.step('sign-in page', async () => {
      const login = new LoginPage(page)
      await login.goto()
      await expectScreenFits(page, at('the sign-in page'))
      await expectInsideViewport(page, login.submit, 'Sign in')
      if (width === 390) await saveScreenshot(page, 'phone-login.png')
    })

    await signedInContext(context)
    const chat = new ChatPage(page)
    const screen = new HandoffScreen(page)
    const stub = await stubAssessmentState(page, seeded.longChat)

    await test.step('home lands on the newest session', async () => {
      await page.goto('/')
      await expect(page).toHaveURL(/\/chat\//)
      await expect(chat.title).toBeVisible()
      await expect(chat.messageList).toBeVisible()
      // The same chat page that the next step checks with axe, for another session.
      await expectNoSidewaysScroll(page, at('home'))
    })

    await test.step('a chat with a long title and long words in its task lane', async () => {
      await chat.goto(seeded.longChat.session.id)
      await expect(chat.title).toHaveText(seeded.longChat.session.title)
      await expect(chat.messages).toHaveCount(4)
      await expectScreenFits(page, at('the chat'))
      const tasksTab = page.getByRole('tab', { name: /^Task lane/ })
      if (phone) {
        // The lane is a tab beside the conversation; the toolbar's actions are behind one menu.
        await expect(chat.taskLane).toBeHidden()
        await tasksTab.click()
        await expect(tasksTab).toHaveAttribute('aria-selected', 'true')
        await expect(chat.messageList).toBeHidden()
      } else {
        await expect(tasksTab).toBeHidden()
      }
      const longCard = chat.taskLane.getByRole('listitem').filter({ hasText: POINT_AND_PRINT_STEP })
      await expect(longCard).toContainText('RestrictDriverInstallationToAdministrators')
      await longCard.scrollIntoViewIfNeeded()
      await expectInsideViewport(page, longCard, 'the card with a long word')
      // Beside the conversation the lane was part of the chat's check; on a phone it is a view of its own.
      if (phone) await expectScreenFits(page, at('the task lane'))
      else await expectNoSidewaysScroll(page, at('the task lane'))
      if (width === 390) await saveScreenshot(page, 'phone-task-lane.png')
      if (phone) {
        await page.getByRole('tab', { name: 'Conversation' }).click()
        const actions = page.getByRole('button', { name: 'Session actions' })
        await actions.click()
        await expectInsideViewport(page, chat.pickUp, 'Pick up, in the session actions menu')
        await expectNoSidewaysScroll(page, at('the session actions menu'))
        await actions.click()
        const account = page.getByRole('button', { name: /^Account menu/ })
        await account.click()
        await expectInsideViewport(page, page.getByRole('banner').getByRole('button', { name: 'Sign out' }), 'Sign out, in the account menu')
        await expectNoSidewaysScroll(page, at('the account menu'))
        await account.click()
      }
      if (width === 390) await saveScreenshot(page, 'phone-light.png')
    })

    await test.step('the bell', async () => {
      const bell = new Bell(page)
      await bell.open()
      await expect(bell.panel).toBeVisible()
      await expect(bell.panel.getByRole('button').first()).toBeVisible()
      await expectInsideViewport(page, bell.panel, 'the notification panel')
      await expectScreenFits(page, at('the bell'))
      await page.keyboard.press('Escape')
      await expect(bell.panel).toBeHidden()
    })

    for (const state of ['ready', 'pending', 'failed'] as const) {
      await test.step(`the handoff screen, assessment ${state}`, async () => {
        stub.stub = state === 'ready' ? null : state
        await chat.goto(seeded.longChat.session.id, '?pickup=true')
        await expect(screen.root).toBeVisible()
        if (state === 'ready') await expect(screen.suggestedSteps).toBeVisible()
        if (state === 'pending') await expect(screen.analysing).toBeVisible()
        if (state === 'failed') await expect(screen.assessment.getByRole('button', { name: 'Regenerate' })).toBeVisible()
        await expect(screen.choices).toHaveCount(3)
        // The decision is on screen as the screen opens, whatever the assessment's length.
        await expectInsideViewport(page, screen.choices, `the choices (${state})`)
        await expectScreenFits(page, at(`the handoff screen (${state})`))
        if (state === 'ready' && width === 1280) await saveScreenshot(page, 'desktop-light.png')
      })
    }
    stub.stub = null

    await test.step('the overlay after the claim', async () => {
      await chat.goto(seeded.claimed.session.id, '?handoff=open')
      await expect(screen.close).toBeVisible()
      await expect(screen.choices).toHaveCount(0)
      await expectInsideViewport(page, screen.close, 'Close')
      await expectScreenFits(page, at('the overlay'))
    })

    await test.step('team metrics', async () => {
      await page.goto('/metrics')
      await expect(page.getByRole('heading', { name: 'Team metrics', level: 1 })).toBeVisible()
      await expect(page.getByRole('img', { name: 'Escalations per day' })).toBeVisible()
      await expect(page.getByRole('img', { name: /option/i }).first()).toBeVisible()
      await expectScreenFits(page, at('team metrics'))
      // The charts are drawn to the width there is, down to a 360 px phone: nothing hides off to the
      // side (a frame scrolls only on narrower screens, and is then a tab stop, see chart-scroller.tsx).
      const frames = await page.locator('.metrics-chart').evaluateAll((elements) =>
        elements.map((element) => ({ scrolls: element.scrollWidth > element.clientWidth + 1, tabIndex: (element as HTMLElement).tabIndex })),
      )
      expect(frames.length).toBeGreaterThan(0)
      for (const frame of frames) expect(frame, 'a chart that fits its frame, with no extra tab stop').toEqual({ scrolls: false, tabIndex: -1 })
      // Every day label (today's included) and every bar chart's "7 · 18%" inside their cards.
      const cutOff = await page.locator('.metrics-card').evaluateAll((cards) =>
        cards.flatMap((card) => {
          const frame = card.getBoundingClientRect()
          const ends = [...card.querySelectorAll('.metrics-chart__svg text, .metrics-bars__value')]
          return ends.filter((end) => end.getBoundingClientRect().right > frame.right).map((end) => end.textContent)
        }),
      )
      expect(cutOff, `chart labels cut off at ${width}px`).toEqual([])
    })

    if (width === 390 || width === 1280) {
      await test.step('dark, following the system', async () => {
        await page.emulateMedia({ colorScheme: 'dark' })
        if (width === 390) {
          await chat.goto(seeded.longChat.session.id)
          await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
          await expect(chat.messages).toHaveCount(4)
          await expectScreenFits(page, at('the chat, dark'))
          await saveScreenshot(page, 'phone-dark.png')
        } else {
          await chat.goto(seeded.longChat.session.id, '?pickup=true')
          await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
          await expect(screen.suggestedSteps).toBeVisible()
          await expectScreenFits(page, at('the handoff screen, dark'))
          await saveScreenshot(page, 'desktop-dark.png')
          await screen.notNow.click()
          await expect(screen.root).toBeHidden()
          await expectScreenFits(page, at('the chat, dark'))
        }
      })
    }

    await context.close()
  })
}

test('a suggested step links only to the card it names; a step not in the lane is plain text', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await signedInContext(context)
  const page = await context.newPage()
  const chat = new ChatPage(page)
  const screen = new HandoffScreen(page)
  const { session, handoff } = seeded.partial

  await chat.goto(session.id, '?pickup=true')
  await expect(screen.suggestedSteps).toBeVisible()
  const lane = (await new ResolutionFlowApi(context.request).getSession(session.id)).task_lane.map((task) => task.title)
  const steps = handoff.ai_assessment_data!.suggested_steps
  const notInLane = steps.filter((step) => !lane.includes(step))
  expect(notInLane.length, 'the assessment suggests steps beyond the lane').toBeGreaterThan(0)
  expect(notInLane.some((step) => step.startsWith('Reinstall the printer driver'))).toBe(true)

  await test.step('each lane step is a link to its own card, the others are not links', async () => {
    const links = screen.suggestedSteps.getByRole('link')
    await expect(links).toHaveCount(lane.length)
    for (const [index, title] of lane.entries()) {
      await expect(screen.stepLink(title)).toHaveAttribute('href', `#task-lane-card-${index}`)
    }
    for (const step of notInLane) {
      // The whole step as shown (code without its backticks): steps citing one past session share their start.
      const item = screen.suggestedSteps.getByRole('listitem').filter({ hasText: step.replace(/`/g, '') })
      await expect(item).toHaveCount(1)
      await expect(item.getByRole('link')).toHaveCount(0)
      await expect(item.getByRole('button')).toHaveCount(0)
    }
    // `backticks` are shown as code, not as raw characters.
    await expect(screen.suggestedSteps.locator('code').first()).toBeVisible()
    await expect(screen.suggestedSteps).not.toContainText('`')
  })

  await test.step('a link flashes its card, beside the screen and above its backdrop', async () => {
    const last = lane.length - 1
    await screen.stepLink(lane[last]!).click()
    const card = chat.taskCard(last)
    await expect(card).toHaveClass(/is-highlighted/)
    await expect(page.locator('.task-card.is-highlighted')).toHaveCount(1)
    await expect(card).toBeInViewport()
    // Polled: the card scrolls into view smoothly, and until it has arrived its middle may still
    // be under the header or outside the window.
    const onTop = () =>
      card.evaluate((element) => {
        const { x, y, width, height } = element.getBoundingClientRect()
        return element.contains(document.elementFromPoint(x + width / 2, y + height / 2))
      })
    await expect.poll(onTop, { message: 'the flashed card is not under the backdrop or the screen' }).toBe(true)
    await expect(screen.choices).toHaveCount(3)
  })

  await test.step('on a phone the screen steps aside and the lane tab shows the card', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    await chat.goto(session.id, '?pickup=true')
    await screen.stepLink(lane[2]!).click()
    await expect(screen.root).toBeHidden()
    await expect(page.getByRole('tab', { name: /^Task lane/ })).toHaveAttribute('aria-selected', 'true')
    await expect(chat.taskCard(2)).toBeInViewport()
    await expect(chat.taskCard(2)).toHaveClass(/is-highlighted/)
  })
  await context.close()
})

/** Every URL the app's history went through, recorded in the page from its first script on. */
async function recordHistory(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __e2eHistory: string[] }).__e2eHistory = seen
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method].bind(history)
      history[method] = (data, unused, url) => {
        if (url) seen.push(new URL(String(url), location.href).pathname)
        return original(data, unused, url)
      }
    }
  })
  return () => page.evaluate(() => (window as unknown as { __e2eHistory: string[] }).__e2eHistory)
}

test.describe('the first-load redirect to the newest session never overrides the user', () => {
  test('"Team metrics", clicked while the sessions load, is where the user ends up', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await signedInContext(context)
    const page = await context.newPage()
    const history = await recordHistory(page)
    // A slow network: the session list, and the metrics page's code, arrive only when the test says.
    const sessions = await holdNextRequest(page, '**/api/sessions')
    const metricsCode = await holdNextRequest(page, '**/assets/metrics-*.js')

    await page.goto('/')
    await sessions.arrived
    // A slow first load shows that it is loading, not a blank page.
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Loading sessions…')

    await page.getByRole('banner').getByRole('link', { name: 'Team metrics' }).click()
    await metricsCode.arrived
    const listed = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/sessions')
    await sessions.release()
    await listed
    await metricsCode.release()

    await expect(page.getByRole('heading', { name: 'Team metrics', level: 1 })).toBeVisible()
    await expect(page).toHaveURL(/\/metrics$/)
    expect((await history()).filter((path) => path.startsWith('/chat/')), 'never sent to a chat').toEqual([])
    await context.close()
  })

  test('"New session", clicked while the sessions load, opens the new session and no older one', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    await signedInContext(context)
    const page = await context.newPage()
    const history = await recordHistory(page)
    const sessions = await holdNextRequest(page, '**/api/sessions')

    await page.goto('/')
    await sessions.arrived
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Loading sessions…')
    // A returning user's browser already has the chat page's code, so a redirect to a chat would
    // take effect at once rather than wait for a download (which the click's navigation would cancel).
    const chatCode = fs.readdirSync(path.join(import.meta.dirname, '../apps/web/dist/assets')).find((file) => /^chat-.*\.js$/.test(file))!
    await page.evaluate(async (src) => {
      await import(src)
    }, `/assets/${chatCode}`)
    // The create goes out and is held too; the older list answers first, while it is in flight.
    const created = await holdNextRequest(page, '**/api/sessions')
    await page.getByRole('navigation', { name: 'Sessions' }).getByRole('button', { name: 'New session' }).click()
    const create = await created.arrived
    expect(create.method()).toBe('POST')
    const listed = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/sessions' && response.request().method() === 'GET')
    await sessions.release()
    await listed
    // The older list is on screen (in the sidebar) before the new session exists.
    await expect(page.getByRole('navigation', { name: 'Sessions' }).getByRole('link').first()).toBeVisible()
    const answer = page.waitForResponse((response) => response.request() === create)
    await created.release()
    const session = ((await (await answer).json()) as { session: Session }).session

    const chat = new ChatPage(page)
    await expect(page).toHaveURL(new RegExp(`/chat/${session.id}$`))
    await expect(chat.emptyConversation).toBeVisible()
    expect((await history()).filter((path) => path.startsWith('/chat/')), 'only the new session was opened').toEqual([
      `/chat/${session.id}`,
    ])
    await context.close()
  })
})

test('the header says "Reconnecting…" while the live stream is down; dark mode is a remembered toggle', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
  await signedInContext(context)
  const page = await context.newPage()
  const header = page.getByRole('banner')
  const reconnecting = header.getByRole('status').filter({ hasText: 'Reconnecting…' })

  await test.step('the stream drops and comes back', async () => {
    // The first stream the page opens ends at once (as when a proxy or the server drops it), and
    // the retries fail while the route stands; then the real stream answers again.
    let dropped = false
    await page.route('**/api/events', (route) => {
      if (dropped) return route.abort('connectionreset')
      dropped = true
      return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: 'retry: 200\n\n' })
    })
    await page.goto('/metrics')
    await expect(reconnecting).toBeVisible()
    await expectNoA11yViolations(page, 'the header while reconnecting')
    const live = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/events' && response.ok())
    await page.unroute('**/api/events')
    await live
    await expect(reconnecting).toBeHidden()
  })

  await test.step('the toggle switches to dark and the choice survives a reload', async () => {
    const toggle = header.getByRole('button', { name: 'Dark mode' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
    await expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await toggle.click()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await expect(toggle).toHaveAttribute('aria-pressed', 'true')
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    const dark = await background()
    await page.reload()
    await expect(page.getByRole('heading', { name: 'Team metrics', level: 1 })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    expect(await background()).toBe(dark)
    // The system's scheme no longer decides once the user has.
    await page.emulateMedia({ colorScheme: 'light' })
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  })
  await context.close()
})
