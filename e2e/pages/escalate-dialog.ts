import type { Locator, Page } from '@playwright/test'

/** "Escalate" in the chat toolbar: the modal with the note and the recipient. */
export class EscalateDialog {
  readonly root: Locator
  readonly note: Locator
  readonly recipient: Locator
  readonly submit: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Escalate to a senior' })
    this.note = this.root.getByLabel('Note for the senior')
    this.recipient = this.root.getByLabel('Send to')
    this.submit = this.root.getByRole('button', { name: 'Escalate', exact: true })
  }
}
