import type { Notification as AppNotification, NotificationsResponse } from '@resolutionflow/shared/notifications.ts'
import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useNavigate } from 'react-router'
import { api } from '../../../lib/api-client.ts'
import { useLiveEvent } from '../../../lib/use-live-events.ts'
import { getPreferencesQueryOptions } from '../api/preferences.ts'
import { desktopPermission, safeAppLink } from '../utils/desktop-support.ts'

/** An escalation that asks this user to act; a "picked up" notice is no reason to interrupt. */
const isEscalation = (n: AppNotification) => n.handoff_id !== null && n.kind !== 'handoff_claimed'

/**
 * Mounted once in the signed-in layout. While the tab is hidden, a new escalation for the
 * user raises a desktop notification; its click brings this tab forward on the pickup
 * screen. A visible tab has the bell already, so it raises nothing.
 */
export function useDesktopNotifications() {
  const navigate = useNavigate()
  // An error or a missing preference means the default: desktop notifications on.
  const preferences = useQuery({ ...getPreferencesQueryOptions(), retry: false })

  // A push notification clicked while this tab is open: the service worker (sw.js) focuses
  // the tab and asks it to open the pickup screen.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return
    const onMessage = (event: MessageEvent<{ type?: string; url?: string }>) => {
      if (event.data?.type === 'open-url' && typeof event.data.url === 'string') void navigate(safeAppLink(event.data.url))
    }
    navigator.serviceWorker.addEventListener('message', onMessage)
    return () => navigator.serviceWorker.removeEventListener('message', onMessage)
  }, [navigate])

  useLiveEvent('notification_created', (payload) => {
    if (document.visibilityState !== 'hidden') return
    if (desktopPermission() !== 'granted' || preferences.data?.desktop === false) return
    void api
      .get<NotificationsResponse>('/api/notifications')
      .then(({ notifications }) => {
        const notification = notifications.find((n) => n.id === payload.notification_id)
        if (!notification || notification.read || !isEscalation(notification)) return
        const link = safeAppLink(notification.link)
        const desktop = new window.Notification(notification.title, {
          body: notification.body,
          // One per handoff, the tag a Web Push for it uses too: the browser shows one, not two,
          // and a re-notification replaces the first.
          tag: `handoff-${notification.handoff_id}`,
          data: { url: link },
        })
        desktop.onclick = () => {
          window.focus()
          desktop.close()
          void api.post(`/api/notifications/${encodeURIComponent(notification.id)}/read`).catch(() => undefined)
          void navigate(link)
        }
      })
      .catch((error: unknown) => console.error('Could not raise a desktop notification', error))
  })
}
