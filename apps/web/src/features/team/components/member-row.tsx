import { removesLastAdmin, ROLES, type Role } from '@resolutionflow/shared/roles.ts'
import type { Member } from '@resolutionflow/shared/team.ts'
import { Badge } from '../../../components/ui/badge.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { formatRelativeTime } from '../../../lib/format-relative-time.ts'
import { ROLE_LABELS } from './invite-form.tsx'

type MemberRowProps = {
  member: Member
  isYou: boolean
  otherActiveAdmins: number
  busy: boolean
  onChange: (change: { role?: Role; active?: boolean }) => void
  onIssueReset: () => void
}

export function MemberRow({ member, isYou, otherActiveAdmins, busy, onChange, onIssueReset }: MemberRowProps) {
  const lastAdmin = (next: { role: Role; active: boolean }) => removesLastAdmin(member, next, otherActiveAdmins)
  const cannotDeactivate = lastAdmin({ role: member.role, active: false })
  return (
    <tr className={member.active ? undefined : 'is-inactive'}>
      <th scope="row">
        <span className="member__name">{member.name}</span>
        {isYou && <span className="member__you"> (you)</span>}
        <span className="member__email">{member.email}</span>
      </th>
      <td>
        <label className="sr-only" htmlFor={`role-${member.id}`}>
          Role of {member.name}
        </label>
        <select
          id={`role-${member.id}`}
          className="input input--compact"
          value={member.role}
          disabled={busy || !member.active}
          onChange={(e) => onChange({ role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r} disabled={lastAdmin({ role: r, active: true })}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>{member.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>}</td>
      <td className="member__last-active">{member.last_active_at ? formatRelativeTime(member.last_active_at) : 'never'}</td>
      <td className="member__actions">
        {member.active ? (
          <>
            <Button size="sm" variant="ghost" onClick={onIssueReset} disabled={busy}>
              Reset link
            </Button>
            <Button
              size="sm"
              variant="danger"
              disabled={busy || cannotDeactivate}
              title={cannotDeactivate ? 'The last active admin stays: make someone else admin first' : undefined}
              onClick={() => onChange({ active: false })}
              aria-label={`Deactivate ${member.name}`}
            >
              Deactivate
            </Button>
          </>
        ) : (
          <Button size="sm" onClick={() => onChange({ active: true })} disabled={busy} aria-label={`Reactivate ${member.name}`}>
            Reactivate
          </Button>
        )}
      </td>
    </tr>
  )
}
