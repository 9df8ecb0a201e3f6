import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { paths } from '../../config/paths.ts'
import { AuthCard } from '../../components/layout/auth-card.tsx'
import { useMe } from '../../features/auth/api/get-me.ts'
import { LoginForm } from '../../features/auth/components/login-form.tsx'
import { SsoSignIn } from '../../features/auth/components/sso-sign-in.tsx'
import { useSetupStatus } from '../../features/setup/api/get-setup-status.ts'

/** Only same-app paths: `?next=https://evil.example` must not become an open redirect. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home.getHref()
}

export function LoginRoute() {
  const [searchParams] = useSearchParams()
  const navigate = useNavigate()
  const me = useMe()
  const setup = useSetupStatus()
  const next = safeNext(searchParams.get('next'))

  if (me.data) return <Navigate to={next} replace />
  // A fresh installation has nobody to sign in yet: the first-run page creates the first admin.
  if (setup.data?.needed) return <Navigate to={paths.setup.getHref()} replace />

  return (
    <AuthCard title="Sign in" subtitle="Troubleshoot with the assistant, escalate with context.">
      {searchParams.get('reset') === 'done' && (
        <p className="form-success" role="status">
          Your password is set. Sign in with it.
        </p>
      )}
      <LoginForm onSuccess={() => void navigate(next, { replace: true })} demoAccounts={setup.data?.demo_accounts ?? false} />
      <SsoSignIn initialOrganization={searchParams.get('organization')} error={searchParams.get('sso_error')} />
    </AuthCard>
  )
}
