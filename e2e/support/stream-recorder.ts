import type { Page } from '@playwright/test'

declare global {
  interface Window {
    __e2eStreamSamples?: number[]
  }
}

/**
 * Records, from inside the page, how long the streaming reply's text was after each DOM
 * change. The offline assistant streams a whole reply in well under a second, faster than
 * any polling assertion can reliably sample, so the page itself notes every length it
 * rendered; the test then checks that the reply grew in steps instead of arriving at once.
 */
export async function recordStreamingReply(page: Page): Promise<{ lengths: () => Promise<number[]> }> {
  await page.evaluate(() => {
    const lengths: number[] = []
    window.__e2eStreamSamples = lengths
    const observer = new MutationObserver(() => {
      // The reply in progress is the one list item marked busy (see StreamingMessage).
      const streaming = document.querySelector('[data-testid="message-list"] li[aria-busy="true"] .message__body')
      const length = streaming?.textContent?.length ?? 0
      if (length > 0 && lengths.at(-1) !== length) lengths.push(length)
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  return { lengths: () => page.evaluate(() => window.__e2eStreamSamples ?? []) }
}
