import { Link } from 'react-router'
import { paths } from '../../config/paths.ts'
import '../../components/layout/settings-page.css'
import { useMe } from '../../features/auth/api/get-me.ts'
import { NotificationSettings } from '../../features/browser-notifications/components/notification-settings.tsx'

/** `/settings`: the signed-in user's own settings (notifications); admins also reach the webhooks. */
export function SettingsRoute() {
  const { data: user } = useMe()
  return (
    <div className="page rf-settings">
      <title>Settings · ResolutionFlow</title>
      <h1 className="page__title">Settings</h1>
      <NotificationSettings />
      {user?.role === 'admin' ? (
        <p>
          <Link to={paths.webhooks.getHref()}>Webhooks for Teams, Slack and other tools</Link>
        </p>
      ) : null}
    </div>
  )
}
