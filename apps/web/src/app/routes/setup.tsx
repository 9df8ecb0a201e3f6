import { Navigate, useNavigate } from 'react-router'
import { canManageTeam } from '@resolutionflow/shared/roles.ts'
import { paths } from '../../config/paths.ts'
import { AuthCard } from '../../components/layout/auth-card.tsx'
import { FullPageSpinner } from '../../components/ui/spinner.tsx'
import { useMe } from '../../features/auth/api/get-me.ts'
import { useSetupStatus } from '../../features/setup/api/get-setup-status.ts'
import { SetupForm } from '../../features/setup/components/setup-form.tsx'

/** First run. Once an organization exists this page is gone: it sends people to sign in. */
export function SetupRoute() {
  const status = useSetupStatus()
  const me = useMe()
  const navigate = useNavigate()
  // Someone signed in has nothing to set up.
  if (me.data) return <Navigate to={canManageTeam(me.data.role) ? paths.people.getHref() : paths.home.getHref()} replace />
  if (status.isPending) return <FullPageSpinner label="Checking this installation" />
  if (status.data && !status.data.needed) return <Navigate to={paths.login.getHref()} replace />
  return (
    <AuthCard title="Set up ResolutionFlow" subtitle="Name your organization and create the first admin account.">
      {/* The new admin goes to People, to invite the team. */}
      <SetupForm onDone={() => void navigate(paths.people.getHref(), { replace: true })} />
    </AuthCard>
  )
}
