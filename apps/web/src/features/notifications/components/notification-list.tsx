import type { Notification } from '@resolutionflow/shared/notifications.ts'
import type { KeyboardEvent } from 'react'
import { NotificationItem } from './notification-item.tsx'

type NotificationListProps = {
  notifications: Notification[]
  now: number
  onOpen: (notification: Notification) => void
}

const NAV_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End']

/** The items, one Tab stop each, and also reachable with the arrow keys, Home and End. */
export function NotificationList({ notifications, now, onOpen }: NotificationListProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!NAV_KEYS.includes(event.key)) return
    const items = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('.rf-notification'))
    if (items.length === 0) return
    event.preventDefault()
    const current = items.indexOf(document.activeElement as HTMLButtonElement)
    const last = items.length - 1
    const next =
      event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : event.key === 'ArrowDown' ? (current < 0 || current === last ? 0 : current + 1)
      : current <= 0 ? last
      : current - 1
    items[next]?.focus()
  }

  return (
    <ul className="rf-notification-list" onKeyDown={onKeyDown}>
      {notifications.map((notification) => (
        <li key={notification.id}>
          <NotificationItem notification={notification} now={now} onOpen={onOpen} />
        </li>
      ))}
    </ul>
  )
}
