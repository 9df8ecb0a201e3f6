import { randomUUID } from 'node:crypto'
import { test as base, type BrowserContext, type Page } from '@playwright/test'
import { ResolutionFlowApi } from './api.ts'
import type { DemoUser } from './demo-users.ts'

/** One person at their own browser: a separate context (own cookies, own live-event stream). */
export type Actor = {
  user: DemoUser
  page: Page
  /** The API as this person, sharing the page's session cookie. */
  api: ResolutionFlowApi
}

type Fixtures = {
  /** Opens a fresh browser context signed in as `user` through the API (not the login form). */
  signInAs: (user: DemoUser) => Promise<Actor>
  /** A title no other test (or earlier run against the same server) uses, to find this test's rows. */
  uniqueTitle: (prefix: string) => string
}

export const test = base.extend<Fixtures>({
  signInAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (user) => {
      const context = await browser.newContext()
      contexts.push(context)
      const page = await context.newPage()
      const api = new ResolutionFlowApi(context.request)
      await api.signIn(user)
      return { user, page, api }
    })
    await Promise.all(contexts.map((context) => context.close()))
  },

  // eslint-disable-next-line no-empty-pattern
  uniqueTitle: async ({}, use) => {
    await use((prefix) => `${prefix} ${randomUUID().slice(0, 8)}`)
  },
})

export { expect } from '@playwright/test'
