import type { PushSubscriptionRecord } from '../api/types.ts'

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]
const SYSTEMS: Array<[RegExp, string]> = [
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Linux/, 'Linux'],
]

/** "Chrome on Windows" from the subscription's user agent, else the push service's host. */
export function describeBrowser(subscription: Pick<PushSubscriptionRecord, 'endpoint' | 'user_agent'>): string {
  const ua = subscription.user_agent ?? ''
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1]
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1]
  if (browser) return system ? `${browser} on ${system}` : browser
  try {
    return `Browser via ${new URL(subscription.endpoint).host}`
  } catch {
    return 'A browser'
  }
}
