import { HandoffScreen } from './pages/handoff-screen.ts'
import { demoUsers } from './support/demo-users.ts'
import { seedEscalatedSession } from './support/seed.ts'
import { expect, test } from './support/test.ts'

/**
 * "Who is looking": two seniors at their own browsers. Each sees the other on the pickup
 * screen and in the queue, live, and the other disappears as soon as their tab closes.
 */
test('presence shows who else has the pickup screen open and clears when their tab closes', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const morgan = await signInAs(demoUsers.morgan)
  const { session } = await seedEscalatedSession(jamie.api, uniqueTitle('Printer presence'))

  // Morgan watches the queue, where the escalation waits.
  await morgan.page.goto('/')
  const queueItem = morgan.page.getByRole('region', { name: /Waiting for pickup/ }).getByRole('link', { name: new RegExp(session.title) })
  await expect(queueItem).toBeVisible()
  await expect(queueItem).not.toContainText('is looking at this')

  const samScreen = new HandoffScreen(sam.page)
  await sam.page.goto(`/chat/${session.id}?pickup=true`)
  await expect(samScreen.choicesHeading).toBeVisible()
  // Nobody else is looking yet; Sam never sees himself.
  await expect(samScreen.root.getByTestId('handoff-viewers')).toBeEmpty()

  await test.step('the queue shows who opened the pickup screen, live', async () => {
    await expect(queueItem).toContainText('Sam is looking at this')
  })

  await test.step('two seniors on the pickup screen see each other', async () => {
    await queueItem.click()
    const morganScreen = new HandoffScreen(morgan.page)
    await expect(morganScreen.choicesHeading).toBeVisible()
    await expect(morganScreen.root.getByText('Sam is looking at this')).toBeVisible()
    await expect(samScreen.root.getByText('Morgan is looking at this')).toBeVisible()
  })

  await test.step("closing Sam's tab clears him from Morgan's screen within seconds", async () => {
    const closedAt = Date.now()
    await sam.page.close()
    const morganScreen = new HandoffScreen(morgan.page)
    await expect(morganScreen.root.getByTestId('handoff-viewers')).toBeEmpty({ timeout: 5_000 })
    expect(Date.now() - closedAt).toBeLessThan(5_000)
  })
})

test('leaving the pickup screen with "Not now" clears the viewer at once', async ({ signInAs, uniqueTitle }) => {
  const jamie = await signInAs(demoUsers.jamie)
  const sam = await signInAs(demoUsers.sam)
  const morgan = await signInAs(demoUsers.morgan)
  const { session } = await seedEscalatedSession(jamie.api, uniqueTitle('Printer not now'))

  const samScreen = new HandoffScreen(sam.page)
  const morganScreen = new HandoffScreen(morgan.page)
  await morgan.page.goto(`/chat/${session.id}?pickup=true`)
  await expect(morganScreen.choicesHeading).toBeVisible()
  await sam.page.goto(`/chat/${session.id}?pickup=true`)
  await expect(samScreen.root.getByText('Morgan is looking at this')).toBeVisible()
  await expect(morganScreen.root.getByText('Sam is looking at this')).toBeVisible()

  await samScreen.notNow.click()
  await expect(samScreen.root).toBeHidden()
  await expect(morganScreen.root.getByTestId('handoff-viewers')).toBeEmpty({ timeout: 5_000 })
})
