import { useMe } from '../../features/auth/api/get-me.ts'
import { ChangePasswordForm } from '../../features/account/components/change-password-form.tsx'
import { NotificationSettings } from '../../features/browser-notifications/components/notification-settings.tsx'
import '../../features/team/team.css'
import '../../components/layout/settings-page.css'

export function AccountRoute() {
  const { data: user } = useMe()
  return (
    <div className="page team-page">
      <title>Your account · ResolutionFlow</title>
      <h1 className="page__title">Your account</h1>
      {user && <ChangePasswordForm user={user} />}
      <NotificationSettings />
    </div>
  )
}
