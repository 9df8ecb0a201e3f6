import type { Locator, Page } from '@playwright/test'

/**
 * The header's notification bell and its dropdown. Other tests' escalations land in the
 * same bell, so a notification is always found by the session title its test created.
 */
export class Bell {
  readonly button: Locator
  readonly panel: Locator

  constructor(readonly page: Page) {
    this.button = page.getByRole('banner').getByRole('button', { name: /^Notifications/ })
    this.panel = page.getByRole('dialog', { name: 'Notifications' })
  }

  /** The bell's accessible name carries the live unread count. */
  static labelFor(unread: number): string {
    return unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'
  }

  async open(): Promise<void> {
    await this.button.click()
  }

  notificationAbout(sessionTitle: string): Locator {
    return this.panel.getByRole('button').filter({ hasText: sessionTitle })
  }
}
