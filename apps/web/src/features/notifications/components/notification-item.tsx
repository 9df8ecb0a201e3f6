import type { Notification } from '@resolutionflow/shared/notifications.ts'
import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time.ts'

type NotificationItemProps = {
  notification: Notification
  now: number
  onOpen: (notification: Notification) => void
}

/** One notification: who, which session, how long ago; unread ones stand out. */
export function NotificationItem({ notification, now, onOpen }: NotificationItemProps) {
  const { read, obsolete, actor, title, body, created_at: createdAt } = notification
  return (
    <button
      type="button"
      className={['rf-notification', read || obsolete ? '' : 'rf-notification--unread', obsolete ? 'rf-notification--obsolete' : ''].filter(Boolean).join(' ')}
      onClick={() => onOpen(notification)}
    >
      <span className="rf-notification__dot" aria-hidden="true" />
      <span className="rf-notification__text">
        {read || obsolete ? null : <span className="sr-only">Unread:</span>}{' '}
        {/* The handoff was cancelled, or the reader declined it: kept for the record, no longer news. */}
        {obsolete ? <span className="rf-notification__obsolete">No longer needed · </span> : null}
        {/* The spaces keep the button's accessible name readable; the grid ignores them. */}
        <span className="rf-notification__title">{title}</span>{' '}
        <span className="rf-notification__body">{body}</span>{' '}
        <span className="rf-notification__meta">
          {actor ? `${actor.name} · ` : null}
          <time dateTime={createdAt} title={formatDateTime(createdAt)}>
            {formatRelativeTime(createdAt, now)}
          </time>
        </span>
      </span>
    </button>
  )
}
