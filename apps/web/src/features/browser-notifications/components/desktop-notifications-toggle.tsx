import { Button } from '../../../components/ui/button.tsx'
import { useDesktopPermission } from '../hooks/use-desktop-permission.ts'
import '../browser-notifications.css'

/**
 * The one place that asks for the Notification permission: a button the user presses.
 * Once decided it only says how things stand (a refusal can be undone only in the
 * browser's site settings, so there is nothing to press then).
 */
export function DesktopNotificationsToggle({ compact = false }: { compact?: boolean }) {
  const { permission, request } = useDesktopPermission()
  const className = compact ? 'rf-desktop-toggle rf-desktop-toggle--compact' : 'rf-desktop-toggle'

  if (permission === 'unsupported') {
    return compact ? null : <p className={`${className} rf-muted`}>This browser cannot show desktop notifications.</p>
  }
  if (permission === 'granted') {
    return <p className={`${className} rf-muted`}>Desktop notifications are on in this browser.</p>
  }
  if (permission === 'denied') {
    return (
      <p className={`${className} rf-muted`}>
        Desktop notifications are blocked for this site. Allow them in the browser's site settings.
      </p>
    )
  }
  return (
    <div className={className}>
      <Button size="sm" variant="secondary" onClick={() => void request()}>
        Turn on desktop notifications
      </Button>
      {compact ? null : <span className="rf-muted">Get a notification when an escalation arrives while this tab is in the background.</span>}
    </div>
  )
}
