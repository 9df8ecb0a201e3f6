import { useMe } from '../../features/auth/api/get-me.ts'
import { AdminOnly } from '../../components/layout/admin-only.tsx'
import { InvitationList } from '../../features/team/components/invitation-list.tsx'
import { InviteForm } from '../../features/team/components/invite-form.tsx'
import { MemberTable } from '../../features/team/components/member-table.tsx'
import '../../features/team/team.css'

export function PeopleRoute() {
  const { data: user } = useMe()
  return (
    <div className="page team-page">
      <title>People · ResolutionFlow</title>
      <h1 className="page__title">People</h1>
      <AdminOnly user={user}>
        <InviteForm />
        <InvitationList />
        {user && <MemberTable viewer={user} />}
      </AdminOnly>
    </div>
  )
}
