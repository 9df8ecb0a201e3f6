import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * Runs axe on what the page shows now and fails on any "serious" or "critical" violation,
 * listing each rule and the elements it found.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
  expect(serious, 'serious or critical accessibility violations').toEqual([])
}

/**
 * Runs axe on what the page shows now and fails on any violation at all, whatever its impact
 * (critical, serious, moderate or minor), naming where: the bar for every screen at every width.
 */
export async function expectNoA11yViolations(page: Page, where: string): Promise<void> {
  // Only violations are collected (passes cost most of axe's time), and axe runs in the page itself
  // rather than finishing in a fresh blank page per call: the app has no frames to combine.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze()
  const found = violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
  expect(found, `accessibility violations on ${where}`).toEqual([])
}
