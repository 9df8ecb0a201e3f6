import { Link, useNavigate, useParams } from 'react-router'
import { paths } from '../../config/paths.ts'
import { isApiError } from '../../lib/api-client.ts'
import { AuthCard } from '../../components/layout/auth-card.tsx'
import { FullPageSpinner } from '../../components/ui/spinner.tsx'
import { useResetPreview } from '../../features/team/api/reset-link.ts'
import { ResetPasswordForm } from '../../features/team/components/reset-password-form.tsx'

/** The page an admin-issued reset link opens. Afterwards every session of that person has ended: sign in again. */
export function ResetPasswordRoute() {
  const { token = '' } = useParams()
  const navigate = useNavigate()
  const preview = useResetPreview(token)
  if (preview.isPending) return <FullPageSpinner label="Opening the reset link" />
  if (preview.isError) {
    return (
      <AuthCard title="Reset password">
        <p className="form-error" role="alert">
          {isApiError(preview.error) && preview.error.status !== 404 ? preview.error.message : 'This reset link does not work. Ask your admin for a new one.'}
        </p>
        <Link to={paths.login.getHref()}>Go to sign in</Link>
      </AuthCard>
    )
  }
  return (
    <AuthCard title="Choose a new password" subtitle={`For ${preview.data.name} (${preview.data.email}).`}>
      <ResetPasswordForm
        token={token}
        account={preview.data}
        onDone={() => void navigate(`${paths.login.getHref()}?reset=done`, { replace: true })}
      />
    </AuthCard>
  )
}
