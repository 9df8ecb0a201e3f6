import { Link, useNavigate, useParams } from 'react-router'
import { paths } from '../../config/paths.ts'
import { isApiError } from '../../lib/api-client.ts'
import { AuthCard } from '../../components/layout/auth-card.tsx'
import { FullPageSpinner } from '../../components/ui/spinner.tsx'
import { useInvitationPreview } from '../../features/team/api/invitation-link.ts'
import { AcceptInvitationForm } from '../../features/team/components/accept-invitation-form.tsx'

/** The page an invitation link opens: choose a name and a password, and you are in. */
export function AcceptInvitationRoute() {
  const { token = '' } = useParams()
  const navigate = useNavigate()
  const preview = useInvitationPreview(token)
  if (preview.isPending) return <FullPageSpinner label="Opening your invitation" />
  if (preview.isError) {
    const text = isApiError(preview.error) && preview.error.status !== 0 ? preview.error.message : 'This invitation link does not work.'
    return (
      <AuthCard title="Invitation">
        <p className="form-error" role="alert">
          {isApiError(preview.error) && preview.error.status === 404 ? 'This invitation link does not exist. Check that you copied all of it.' : text}
        </p>
        <Link to={paths.login.getHref()}>Go to sign in</Link>
      </AuthCard>
    )
  }
  const invitation = preview.data
  return (
    <AuthCard title={`Join ${invitation.organization.name}`} subtitle={`You are invited as ${invitation.role}.`}>
      <AcceptInvitationForm token={token} email={invitation.email} onDone={() => void navigate(paths.home.getHref(), { replace: true })} />
    </AuthCard>
  )
}
