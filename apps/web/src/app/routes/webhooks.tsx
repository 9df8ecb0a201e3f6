import '../../components/layout/settings-page.css'
import { useMe } from '../../features/auth/api/get-me.ts'
import { WebhooksAdmin } from '../../features/webhooks/components/webhooks-admin.tsx'

/** `/admin/webhooks`: admins only (the link is shown only to them; the API refuses anyone else). */
export function WebhooksRoute() {
  const { data: user } = useMe()
  return (
    <div className="page rf-settings">
      <title>Webhooks · ResolutionFlow</title>
      <h1 className="page__title">Webhooks</h1>
      {user?.role === 'admin' ? <WebhooksAdmin /> : <p>Only an administrator can manage the organization's webhooks.</p>}
    </div>
  )
}
