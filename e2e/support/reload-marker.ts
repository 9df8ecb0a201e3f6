import { expect, type Page } from '@playwright/test'

declare global {
  interface Window {
    __e2eSameDocument?: boolean
  }
}

/**
 * "Live, without a reload": a flag set on the page's window now is gone after any reload
 * or full navigation, so finding it again proves the change arrived in the same document.
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__e2eSameDocument = true
  })
}

export async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.__e2eSameDocument === true), 'the page was not reloaded').toBe(true)
}
