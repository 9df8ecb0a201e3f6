import { Link } from 'react-router'
import { paths } from '../../config/paths.ts'
import { useMe } from '../../features/auth/api/get-me.ts'
import { AdminOnly } from '../../components/layout/admin-only.tsx'
import { FormError } from '../../components/forms/form-error.tsx'
import { Skeleton } from '../../components/ui/skeleton.tsx'
import { useOrganization } from '../../features/organization/api/organization.ts'
import { GeneralSettingsForm } from '../../features/organization/components/general-settings-form.tsx'
import { SsoSettingsForm } from '../../features/organization/components/sso-settings-form.tsx'
import '../../features/team/team.css'

function Settings() {
  const organization = useOrganization()
  if (organization.isPending) return <Skeleton height="12rem" />
  if (organization.isError) return <FormError error={organization.error} />
  const org = organization.data.organization
  return (
    <>
      <GeneralSettingsForm key={`general-${org.id}`} organization={org} />
      <SsoSettingsForm key={`sso-${org.id}`} organization={org} redirectUri={`${window.location.origin}/api/auth/oidc/callback`} />
      <p>
        <Link to={paths.webhooks.getHref()}>Webhooks for Teams, Slack and other tools</Link>
      </p>
    </>
  )
}

export function SettingsRoute() {
  const { data: user } = useMe()
  return (
    <div className="page team-page">
      <title>Settings · ResolutionFlow</title>
      <h1 className="page__title">Settings</h1>
      <AdminOnly user={user}>
        <Settings />
      </AdminOnly>
    </div>
  )
}
