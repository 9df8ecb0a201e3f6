import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'

const SCREENSHOTS_DIR = path.resolve(import.meta.dirname, '../../docs/screenshots')

/** The README's pictures of the real app, refreshed by every e2e run. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, name) })
}
