import { useQueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import { useLiveEvent } from '../../../lib/use-live-events.ts'
import { getNotificationsQueryOptions } from '../api/get-notifications.ts'

/** Kinds worth interrupting for: news about the viewer's own escalation. */
const TOASTED = new Set(['session_resolved', 'handoff_declined', 'handoff_handed_back'])

/**
 * Long enough to read a title and a note (sonner's 4 s is not), short enough not to sit over
 * the page: the bell keeps the notification, and hovering or focusing the toast holds it.
 */
export const LIVE_TOAST_DURATION_MS = 6_000

/**
 * A live toast for news about the viewer's own escalations ("Sam Patel resolved 'Reception
 * printer offline': SNMP status on the port"), besides the bell. Mounted once in the shell.
 */
export function LiveNotificationToasts() {
  const queryClient = useQueryClient()
  useLiveEvent('notification_created', (payload) => {
    void queryClient.fetchQuery({ ...getNotificationsQueryOptions(), staleTime: 0 }).then((data) => {
      const n = data.notifications.find((x) => x.id === payload.notification_id)
      if (n && TOASTED.has(n.kind)) toast.info(`${n.title}: ${n.body}`, { id: `notification-${n.id}`, duration: LIVE_TOAST_DURATION_MS })
    })
  })
  return null
}
