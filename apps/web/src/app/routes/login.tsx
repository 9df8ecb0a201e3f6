import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { paths } from '../../config/paths.ts'
import { useMe } from '../../features/auth/api/get-me.ts'
import { LoginForm } from '../../features/auth/components/login-form.tsx'

/** Only same-app paths: `?next=https://evil.example` must not become an open redirect. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home.getHref()
}

export function LoginRoute() {
  const [searchParams] = useSearchParams()
  const navigate = useNavigate()
  const me = useMe()
  const next = safeNext(searchParams.get('next'))

  if (me.data) return <Navigate to={next} replace />

  return (
    <main className="login-page">
      <title>Sign in · ResolutionFlow</title>
      <div className="login-card">
        <div className="login-card__brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand">ResolutionFlow</span>
        </div>
        <h1 className="login-card__title">Sign in</h1>
        <p className="login-card__subtitle">Troubleshoot with the assistant, escalate with context.</p>
        <LoginForm onSuccess={() => void navigate(next, { replace: true })} />
      </div>
    </main>
  )
}
