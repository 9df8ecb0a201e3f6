import { Navigate, useNavigate } from 'react-router'
import { paths } from '../../config/paths.ts'
import { AuthCard } from '../../components/layout/auth-card.tsx'
import { FullPageSpinner } from '../../components/ui/spinner.tsx'
import { useSetupStatus } from '../../features/setup/api/get-setup-status.ts'
import { SetupForm } from '../../features/setup/components/setup-form.tsx'

/** First run. Once an organization exists this page is gone: it sends people to sign in. */
export function SetupRoute() {
  const status = useSetupStatus()
  const navigate = useNavigate()
  if (status.isPending) return <FullPageSpinner label="Checking this installation" />
  if (status.data && !status.data.needed) return <Navigate to={paths.login.getHref()} replace />
  return (
    <AuthCard title="Set up ResolutionFlow" subtitle="Name your organization and create the first admin account.">
      <SetupForm onDone={() => void navigate(paths.people.getHref(), { replace: true })} />
    </AuthCard>
  )
}
