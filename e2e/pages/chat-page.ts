import { expect, type Locator, type Page } from '@playwright/test'

/**
 * `/chat/:id`: toolbar, escalation banner, conversation, composer and task lane, plus the
 * session sidebar beside it.
 */
export class ChatPage {
  readonly main: Locator
  /** The bar above the chat: the session's title, rename and actions. */
  readonly toolbar: Locator
  readonly title: Locator
  readonly escalate: Locator
  readonly escalated: Locator
  readonly handoffContext: Locator
  readonly pickUp: Locator
  readonly handoffBanner: Locator
  readonly messageList: Locator
  readonly messages: Locator
  /** The assistant's reply while it streams in: typing dots, aria-busy, growing text. */
  readonly replyInProgress: Locator
  readonly composer: Locator
  readonly send: Locator
  readonly stop: Locator
  readonly emptyConversation: Locator
  readonly taskLane: Locator
  readonly taskProgress: Locator
  readonly sidebar: Locator
  /** A senior's "Waiting for pickup" queue above the session list. */
  readonly queue: Locator

  constructor(readonly page: Page) {
    this.main = page.getByRole('main')
    this.toolbar = page.getByTestId('chat-toolbar')
    this.title = this.main.getByRole('heading', { level: 1 })
    this.escalate = this.main.getByRole('button', { name: 'Escalate', exact: true })
    this.escalated = this.main.getByRole('button', { name: 'Escalated', exact: true })
    this.handoffContext = this.main.getByRole('button', { name: 'Handoff context' })
    this.pickUp = this.main.getByRole('button', { name: 'Pick up', exact: true })
    this.handoffBanner = this.main.getByRole('status').filter({ hasText: /Escalated · waiting|Picked up by/ })
    this.messageList = page.getByTestId('message-list')
    // Only the list's own items: a message's Markdown may hold lists of its own.
    this.messages = this.messageList.locator(':scope > li')
    this.replyInProgress = this.messages.filter({ has: page.getByText('Assistant is replying') })
    this.composer = page.getByRole('textbox', { name: 'Message' })
    this.send = this.main.getByRole('button', { name: 'Send' })
    this.stop = this.main.getByRole('button', { name: 'Stop' })
    this.emptyConversation = this.main.getByRole('heading', { name: "What's the customer's problem?" })
    this.taskLane = page.getByTestId('task-lane')
    this.taskProgress = this.taskLane.getByText(/\d+ of \d+ done/)
    this.sidebar = page.getByRole('navigation', { name: 'Sessions' })
    this.queue = page.getByRole('region', { name: /^Waiting for pickup/ })
  }

  /**
   * Opens a session and waits until the tab's live-event stream is connected, so that
   * whatever the test does next (a claim, an escalation elsewhere) reaches this page live.
   */
  async goto(sessionId: string, query = ''): Promise<void> {
    const live = this.page.waitForResponse((response) => new URL(response.url()).pathname === '/api/events' && response.ok())
    await this.page.goto(`/chat/${sessionId}${query}`)
    await live
    await expect(this.title).toBeVisible()
  }

  /** The escalation banner is a strip of its own between the toolbar and the conversation, not painted under it. */
  async expectBannerAboveConversation(): Promise<void> {
    await expect(this.handoffBanner).toBeVisible()
    const banner = (await this.handoffBanner.boundingBox())!
    const conversation = (await this.page.getByRole('region', { name: 'Conversation' }).boundingBox())!
    expect(banner.height).toBeGreaterThan(16)
    expect(banner.y + banner.height).toBeLessThanOrEqual(conversation.y + 1)
  }

  /** `#task-lane-card-{index}`: the id the handoff screen's suggested-step chips point at. */
  taskCard(index: number): Locator {
    return this.page.locator(`#task-lane-card-${index}`)
  }

  messageFrom(author: string): Locator {
    return this.messages.filter({ has: this.page.getByText(author, { exact: true }) })
  }

  queueItem(sessionTitle: string): Locator {
    return this.queue.getByRole('link').filter({ hasText: sessionTitle })
  }

  sidebarLink(sessionTitle: string): Locator {
    return this.sidebar.getByRole('link').filter({ hasText: sessionTitle })
  }
}
