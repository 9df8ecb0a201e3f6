/*
 * ResolutionFlow's service worker: shows a Web Push as a notification and, on click,
 * brings an open tab to the pickup screen (or opens one). It caches nothing.
 *
 * A push's JSON payload: { title, body, link, handoff_id } (link: the app path to open,
 * /chat/<sessionId>?pickup=true). Anything unreadable still shows a generic notification,
 * because a push a user cannot see would break the promise of userVisibleOnly.
 */
self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

const sameOriginPath = (url) => (typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/')

self.addEventListener('push', (event) => {
  let data = {}
  try {
    data = event.data ? event.data.json() : {}
  } catch {
    data = { body: event.data ? event.data.text() : '' }
  }
  const title = data.title || 'New escalation'
  const url = sameOriginPath(data.link || data.url)
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      // The page's own desktop notification for the same handoff uses this tag: one, not two.
      tag: data.handoff_id ? `handoff-${data.handoff_id}` : undefined,
      data: { url },
    }),
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = sameOriginPath(event.notification.data && event.notification.data.url)
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const tab = tabs.find((c) => new URL(c.url).origin === self.location.origin)
      if (tab) {
        await tab.focus()
        // The signed-in app navigates itself (no reload, its live stream stays open).
        tab.postMessage({ type: 'open-url', url })
        return undefined
      }
      return self.clients.openWindow(url)
    })(),
  )
})
