import type { Locator, Page } from '@playwright/test'

/** The signed-in header: who is signed in, in which organization, and the way out. */
export class AppHeader {
  readonly root: Locator
  readonly signOut: Locator

  constructor(readonly page: Page) {
    this.root = page.getByRole('banner')
    this.signOut = this.root.getByRole('button', { name: 'Sign out' })
  }

  /** Exact text, so "Acme MSP" cannot be satisfied by some longer string. */
  text(value: string): Locator {
    return this.root.getByText(value, { exact: true })
  }
}
