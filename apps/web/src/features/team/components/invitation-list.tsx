import { Button } from '../../../components/ui/button.tsx'
import { formatRelativeTime } from '../../../lib/format-relative-time.ts'
import { useInvitations, useRevokeInvitation } from '../api/invitations.ts'
import { ROLE_LABELS } from './invite-form.tsx'

export function InvitationList() {
  const invitations = useInvitations()
  const revoke = useRevokeInvitation()
  const rows = invitations.data?.invitations ?? []
  if (rows.length === 0) return null
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title" className="card__title">
        Open invitations
      </h2>
      <ul className="plain-list">
        {rows.map((i) => (
          <li key={i.id} className="plain-list__row">
            <span>
              <strong>{i.email}</strong> · {ROLE_LABELS[i.role]} · expires {formatRelativeTime(i.expires_at)}
            </span>
            <Button size="sm" variant="ghost" onClick={() => revoke.mutate(i.id)} aria-label={`Withdraw the invitation of ${i.email}`}>
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
    </section>
  )
}
