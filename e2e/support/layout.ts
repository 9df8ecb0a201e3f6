import { expect, type Locator, type Page } from '@playwright/test'

/** The widths every screen must work at: small and common phones, a tablet, a small and a usual laptop. */
export const SCREENS = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const

/**
 * Nothing scrolls sideways: not the page, and no box inside it either (a box with
 * `overflow: auto` would hide a too-wide child behind its own scrollbar). Charts and code
 * blocks may scroll inside their frame: that is their narrow-screen layout.
 */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => {
    const problems: string[] = []
    const root = document.documentElement
    if (root.scrollWidth > window.innerWidth) problems.push(`page is ${root.scrollWidth}px wide in a ${window.innerWidth}px window`)
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      if (element.closest('.metrics-chart, pre, .markdown table')) continue
      const style = getComputedStyle(element)
      if (style.overflowX !== 'auto' && style.overflowX !== 'scroll') continue
      if (element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} scrolls sideways (${element.scrollWidth} > ${element.clientWidth})`)
      }
    }
    return problems
  })
  expect(found, `sideways scroll on ${where}`).toEqual([])
}

/** Wholly inside the window as it is now: seen without scrolling anything. */
export async function expectInsideViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!
  const boxes = await locator.evaluateAll((elements) =>
    elements.map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect()
      return { x, y, width, height }
    }),
  )
  expect(boxes.length, `${what}: some on screen`).toBeGreaterThan(0)
  for (const box of boxes) {
    expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0)
    expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(viewport.width + 0.5)
    expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(viewport.height + 0.5)
  }
}

/** `over` (a toast, a menu) covers none of `targets` (controls the user still needs). */
export async function expectNotCovering(over: Locator, targets: Locator, what: string): Promise<void> {
  const box = (await over.boundingBox())!
  const covered = await targets.evaluateAll(
    (elements, o) =>
      elements
        .map((element) => element.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.x < o.x + o.width && o.x < r.x + r.width && r.y < o.y + o.height && o.y < r.y + r.height).length,
    box,
  )
  expect(covered, `${what} covered`).toBe(0)
}
