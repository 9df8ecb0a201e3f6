import { useMe } from '../../features/auth/api/get-me.ts'
import { AdminOnly } from '../../components/layout/admin-only.tsx'
import { AuditLog } from '../../features/organization/components/audit-log.tsx'
import '../../features/team/team.css'

export function AuditRoute() {
  const { data: user } = useMe()
  return (
    <div className="page team-page">
      <title>Audit log · ResolutionFlow</title>
      <h1 className="page__title">Audit log</h1>
      <AdminOnly user={user}>
        <AuditLog />
      </AdminOnly>
    </div>
  )
}
