import { DesktopNotificationsToggle } from './desktop-notifications-toggle.tsx'
import { NotificationPreferencesForm } from './notification-preferences-form.tsx'
import { PushSubscriptions } from './push-subscriptions.tsx'
import '../browser-notifications.css'

/** The notification part of the user's settings: channels, this browser's desktop permission, push. */
export function NotificationSettings() {
  return (
    <>
      <section className="rf-settings__section" aria-labelledby="channels-title">
        <h2 id="channels-title" className="rf-settings__title">
          Notifications
        </h2>
        <NotificationPreferencesForm />
        <DesktopNotificationsToggle />
      </section>
      <PushSubscriptions />
    </>
  )
}
