import path from 'node:path'
import type { Page } from '@playwright/test'

const root = path.resolve(import.meta.dirname, '../..')
// The README's pictures are refreshed on request (`UPDATE_SCREENSHOTS=1`), so an ordinary
// test run leaves the working tree clean; otherwise they land beside the other test output.
const dir = process.env.UPDATE_SCREENSHOTS ? path.join(root, 'docs/screenshots') : path.join(root, 'test-results/screenshots')

/** A picture of the real app at a moment a test has just asserted, with animations settled. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(dir, name), animations: 'disabled' })
}
