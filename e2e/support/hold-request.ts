import type { Page, Request, Route } from '@playwright/test'

export type HeldRequest = {
  /** Resolves with the request once the page has sent it (and it is being held). */
  arrived: Promise<Request>
  /** Lets the held request go on to the server. */
  release: () => Promise<void>
}

/**
 * Holds the page's next request matching `url` until the test releases it, so an in-flight
 * state (a spinner, disabled buttons) can be asserted deterministically rather than raced.
 */
export async function holdNextRequest(page: Page, url: string): Promise<HeldRequest> {
  let resolveRoute!: (route: Route) => void
  const routed = new Promise<Route>((resolve) => {
    resolveRoute = resolve
  })
  // The handler stays registered and lets later requests through: with `times: 1` the last
  // expiring route turns interception off, and Chromium then lets paused requests go by itself.
  let holding = false
  await page.route(url, (route) => {
    if (holding) return route.fallback()
    holding = true
    resolveRoute(route)
  })
  return {
    arrived: routed.then((route) => route.request()),
    release: async () => (await routed).continue(),
  }
}
