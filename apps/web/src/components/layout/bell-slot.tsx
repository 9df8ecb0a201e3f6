import { BellIcon } from '../ui/icons.tsx'

/**
 * Placeholder for the notification bell until the notifications feature's
 * `<NotificationBell />` is passed to `AppLayout`'s `bell` prop instead.
 */
export function BellSlot() {
  return (
    <button type="button" className="icon-btn" aria-label="Notifications" disabled>
      <BellIcon size={18} />
    </button>
  )
}
