import type { Notification } from '@resolutionflow/shared/notifications.ts'
import { useId, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Spinner } from '../../../components/ui/spinner.tsx'
import { useNow } from '../../../lib/use-now.ts'
import { useMarkAllNotificationsRead } from '../api/mark-all-notifications-read.ts'
import type { useNotifications } from '../api/get-notifications.ts'
import { NotificationList } from './notification-list.tsx'

type NotificationPanelProps = {
  id: string
  ref?: Ref<HTMLDivElement>
  notifications: ReturnType<typeof useNotifications>
  onOpen: (notification: Notification) => void
  /** Composed by the route, under the list: e.g. the "Turn on desktop notifications" control. */
  footer?: ReactNode
}

/** The bell's popover: header with "Mark all read", then the list, or its loading, empty or error state. */
export function NotificationPanel({ id, ref, notifications, onOpen, footer }: NotificationPanelProps) {
  const headingId = useId()
  const markAllRead = useMarkAllNotificationsRead()
  const now = useNow(30_000)
  const unread = notifications.data?.unread ?? 0

  // From the panel itself (just opened), ArrowDown steps onto the first notification.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || event.key !== 'ArrowDown') return
    event.preventDefault()
    event.currentTarget.querySelector<HTMLButtonElement>('.rf-notification')?.focus()
  }

  return (
    <div
      id={id}
      ref={ref}
      role="dialog"
      aria-labelledby={headingId}
      tabIndex={-1}
      className="rf-notification-panel"
      onKeyDown={onKeyDown}
    >
      <div className="rf-notification-panel__head">
        <h2 id={headingId} className="rf-notification-panel__title">
          Notifications
        </h2>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => markAllRead.mutate()}
          disabled={unread === 0}
          loading={markAllRead.isPending}
        >
          Mark all read
        </Button>
      </div>
      {notifications.isPending ? (
        <div className="rf-notification-panel__state">
          <Spinner label="Loading notifications" />
        </div>
      ) : notifications.isError ? (
        <div className="rf-notification-panel__state" role="alert">
          <p>Couldn't load notifications.</p>
          <Button size="sm" onClick={() => void notifications.refetch()} loading={notifications.isFetching}>
            Try again
          </Button>
        </div>
      ) : notifications.data.notifications.length === 0 ? (
        <p className="rf-notification-panel__state rf-muted">No notifications yet</p>
      ) : (
        <NotificationList notifications={notifications.data.notifications} now={now} onOpen={onOpen} />
      )}
      {footer}
    </div>
  )
}
