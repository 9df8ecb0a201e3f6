import type { Notification } from '@resolutionflow/shared/notifications.ts'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useNavigate } from 'react-router'
import { BellIcon } from '../../../components/ui/icons.tsx'
import { useNotifications } from '../api/get-notifications.ts'
import { useMarkNotificationRead } from '../api/mark-notification-read.ts'
import { NotificationPanel } from './notification-panel.tsx'
import '../notifications.css'

/**
 * The header's bell: unread count (kept live: `notification_created` invalidates the
 * query), and a popover listing the notifications. Esc, a click outside or tabbing
 * away closes it; Esc gives focus back to the bell.
 */
export function NotificationBell({ footer }: { footer?: ReactNode } = {}) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const notifications = useNotifications()
  const markRead = useMarkNotificationRead()
  const navigate = useNavigate()
  const unread = notifications.data?.unread ?? 0

  useEffect(() => {
    if (!open) return
    panelRef.current?.focus()
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      buttonRef.current?.focus()
    }
    const onPointerDown = (event: PointerEvent | MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false)
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('mousedown', onPointerDown)
    document.addEventListener('focusin', onFocusIn)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('mousedown', onPointerDown)
      document.removeEventListener('focusin', onFocusIn)
    }
  }, [open])

  const openNotification = (notification: Notification) => {
    if (!notification.read) markRead.mutate(notification.id)
    setOpen(false)
    void navigate(notification.link)
  }

  return (
    <div className="rf-bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="icon-btn rf-bell__button"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon size={18} />
        {unread > 0 ? (
          <span className="rf-bell__badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {/* The label alone is only read on focus; this says it when a notification arrives. */}
      <span className="sr-only" aria-live="polite">
        {unread > 0 ? `${unread} unread notifications` : ''}
      </span>
      {open ? (
        <NotificationPanel id={panelId} ref={panelRef} notifications={notifications} onOpen={openNotification} footer={footer} />
      ) : null}
    </div>
  )
}
