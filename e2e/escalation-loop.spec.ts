import { Bell } from './pages/bell.ts'
import { ChatPage } from './pages/chat-page.ts'
import { HandoffScreen } from './pages/handoff-screen.ts'
import { PRINTER_PROBLEM } from './support/api.ts'
import { demoUsers } from './support/demo-users.ts'
import { saveScreenshot } from './support/screenshots.ts'
import { expect, test } from './support/test.ts'

/** The escalation to its end, as the people involved see it, each change arriving live. */

test('the junior cancels ("I solved it myself") and the senior on the pickup screen sees it live', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const title = uniqueTitle('Printer cancel')
  const session = await jamie.api.createSession(title)
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  await jamie.api.escalate(session.id, 'Cannot reach the print server')

  const seniorChat = new ChatPage(sam.page)
  await seniorChat.goto(session.id, '?pickup=true')
  const screen = new HandoffScreen(sam.page)
  await expect(screen.choicesHeading).toBeVisible()

  const juniorChat = new ChatPage(jamie.page)
  await juniorChat.goto(session.id)
  await juniorChat.main.getByRole('button', { name: 'I solved it myself' }).click()
  const dialog = jamie.page.getByRole('dialog', { name: 'Cancel the escalation?' })
  await dialog.getByLabel('What fixed it').fill('Power-cycled the switch')
  await dialog.getByRole('button', { name: 'Cancel escalation' }).click()
  await expect(dialog).toBeHidden()
  await expect(juniorChat.main.getByText('Escalation cancelled by Jamie Rivera')).toBeVisible()

  await expect(sam.page.getByText('Jamie cancelled this escalation')).toBeVisible()
  await expect(screen.root).toBeHidden()
  await expect(seniorChat.queueItem(title)).toHaveCount(0)
})

test('a senior declines with a reason; the junior sees who and why, live', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const title = uniqueTitle('Printer decline')
  const session = await jamie.api.createSession(title)
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  const samId = (await sam.api.me()).user.id
  await jamie.api.escalate(session.id, undefined, samId)

  const juniorChat = new ChatPage(jamie.page)
  await juniorChat.goto(session.id)
  await expect(juniorChat.handoffBanner).toContainText('sent to Sam Patel')

  await new ChatPage(sam.page).goto(session.id, '?pickup=true')
  const screen = new HandoffScreen(sam.page)
  await screen.root.getByRole('button', { name: 'Decline…' }).click()
  const form = screen.root.getByRole('form', { name: 'Decline this escalation' })
  await form.getByRole('radio', { name: 'Busy' }).check()
  await form.getByLabel('Note').fill('On site at Dunmore all day')
  await form.getByRole('button', { name: 'Decline', exact: true }).click()
  await expect(screen.root).toBeHidden()
  await expect(sam.page.getByText('Declined: it now goes to every senior')).toBeVisible()

  // Live on the junior's page: the banner names who declined and why, and a toast says so.
  await expect(juniorChat.main.getByTestId('handoff-declines')).toHaveText('Sam Patel declined: Busy (On site at Dunmore all day)')
  await expect(jamie.page.getByText('Sam Patel declined your escalation: Busy: On site at Dunmore all day. It now goes to every senior.')).toBeVisible()
  await expect(juniorChat.handoffBanner).not.toContainText('sent to Sam Patel')
})

test('the senior hands the session back with a note; the junior is told live', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const title = uniqueTitle('Printer hand back')
  const session = await jamie.api.createSession(title)
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  const handoff = await jamie.api.escalate(session.id)
  await sam.api.claim(handoff.id, 'own')

  const juniorChat = new ChatPage(jamie.page)
  await juniorChat.goto(session.id)
  await expect(juniorChat.handoffBanner).toContainText('Picked up by Sam Patel')

  const seniorChat = new ChatPage(sam.page)
  await seniorChat.goto(session.id)
  await seniorChat.main.getByRole('button', { name: 'Hand back' }).click()
  const dialog = sam.page.getByRole('dialog', { name: 'Hand back to Jamie Rivera' })
  const confirm = dialog.getByRole('button', { name: 'Hand back' })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel('Note').fill('Re-add the port as Standard TCP/IP; ping me if it fails')
  await confirm.click()
  await expect(dialog).toBeHidden()
  await expect(seniorChat.main.getByRole('button', { name: 'Hand back' })).toHaveCount(0)

  await expect(juniorChat.main.getByTestId('handed-back-banner')).toHaveText(
    'Sam Patel handed this back to Jamie Rivera: Re-add the port as Standard TCP/IP; ping me if it fails',
  )
  await expect(jamie.page.getByText(`Sam Patel handed '${title}' back to you: Re-add the port`)).toBeVisible()
  // The session is the junior's again: they may escalate it anew.
  await expect(juniorChat.escalate).toBeVisible()
})

test('the senior resolves with what fixed it; the junior gets the live notification, the sidebars show it resolved', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const title = uniqueTitle('Reception printer offline')
  const session = await jamie.api.createSession(title)
  await jamie.api.sendMessage(session.id, PRINTER_PROBLEM)
  const handoff = await jamie.api.escalate(session.id)
  await sam.api.claim(handoff.id, 'continue')

  // The junior is elsewhere in the app, with the bell in view.
  const juniorChat = new ChatPage(jamie.page)
  await juniorChat.goto((await jamie.api.createSession(uniqueTitle('Jamie elsewhere'))).id)
  const bell = new Bell(jamie.page)
  const unreadBefore = (await jamie.api.notifications()).unread
  await expect(bell.button).toHaveAccessibleName(Bell.labelFor(unreadBefore))

  const seniorChat = new ChatPage(sam.page)
  await seniorChat.goto(session.id)
  await seniorChat.main.getByRole('button', { name: 'Resolve' }).click()
  const dialog = sam.page.getByRole('dialog', { name: 'Resolve this session' })
  await dialog.getByLabel('What fixed it').fill('SNMP status on the port')
  await dialog.getByLabel('Root cause').selectOption('configuration')
  await dialog.getByRole('button', { name: 'Resolve' }).click()
  await expect(dialog).toBeHidden()
  // Reopen took Resolve's place, and the focus the dialog had.
  await expect(seniorChat.main.getByRole('button', { name: 'Reopen' })).toBeFocused()
  await expect(seniorChat.main.getByTestId('resolution-banner')).toHaveText('Resolved by Sam Patel: SNMP status on the port · Configuration')
  await expect(seniorChat.sidebar.getByRole('link', { name: new RegExp(title) })).toContainText('Resolved')

  await expect(jamie.page.getByText(`Sam Patel resolved '${title}': SNMP status on the port`)).toBeVisible()
  await expect(bell.button).toHaveAccessibleName(Bell.labelFor(unreadBefore + 1))
  await expect(juniorChat.sidebar.getByRole('link', { name: new RegExp(title) })).toContainText('Resolved')
  await saveScreenshot(jamie.page, 'resolved-notification.png')

  // Reopen from the junior's own chat.
  await juniorChat.goto(session.id)
  await juniorChat.main.getByRole('button', { name: 'Reopen' }).click()
  await expect(juniorChat.main.getByTestId('resolution-banner')).toHaveCount(0)
  await expect(seniorChat.main.getByTestId('resolution-banner')).toHaveCount(0)
})

test('the senior rates the assessment on the pickup screen and edits it in the overlay after the claim; similar resolved sessions link to their fix', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const tag = uniqueTitle('Kyocera')
  // A past session like this one, resolved: it must show as similar.
  const past = await jamie.api.createSession(`${tag} scanner offline`)
  await jamie.api.sendMessage(past.id, `${PRINTER_PROBLEM} ${tag}`)
  await jamie.api.resolve(past.id, `Fixed the ${tag} port: DHCP reservation`)

  const session = await jamie.api.createSession(`${tag} offline again`)
  await jamie.api.sendMessage(session.id, `${PRINTER_PROBLEM} ${tag}`)
  const handoff = await jamie.api.escalate(session.id)
  await sam.api.waitForAssessment(handoff.id)

  const seniorChat = new ChatPage(sam.page)
  await seniorChat.goto(session.id, '?pickup=true')
  const screen = new HandoffScreen(sam.page)
  const similar = screen.root.getByRole('region', { name: 'Similar resolved sessions' })
  await expect(similar.getByRole('link', { name: `${tag} scanner offline` })).toBeVisible()
  await expect(similar).toContainText(`Fixed the ${tag} port: DHCP reservation`)

  const feedback = screen.root.getByRole('region', { name: 'Feedback on the assessment' })
  await feedback.getByRole('button', { name: 'Not useful' }).click()
  await expect(feedback.getByRole('button', { name: 'Not useful' })).toHaveAttribute('aria-pressed', 'true')
  await feedback.getByRole('checkbox', { name: 'Missing facts' }).check()
  await expect(feedback.getByText('Thanks, saved')).toBeVisible()
  await expect.poll(async () => (await sam.api.myFeedback(handoff.id)).feedback?.problems).toEqual(['missing_facts'])

  await screen.ownChoice.click()
  await expect(screen.root).toBeHidden()
  await seniorChat.handoffContext.click()
  const overlayFeedback = screen.root.getByRole('region', { name: 'Feedback on the assessment' })
  await expect(overlayFeedback.getByRole('checkbox', { name: 'Missing facts' })).toBeChecked()
  await overlayFeedback.getByRole('button', { name: 'Useful', exact: true }).click()
  await expect(overlayFeedback.getByRole('button', { name: 'Useful', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(async () => (await sam.api.myFeedback(handoff.id)).feedback).toMatchObject({ useful: true, problems: [] })
  await saveScreenshot(sam.page, 'assessment-feedback.png')
})
