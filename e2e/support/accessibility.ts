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
  // Only violations are collected: passes and incomplete results cost most of axe's time.
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze()
  const found = violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  )
  expect(found, `accessibility violations on ${where}`).toEqual([])
}
