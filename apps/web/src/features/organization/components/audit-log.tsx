import type { AuditEntry } from '@resolutionflow/shared/team.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useAudit } from '../api/audit.ts'

const describe: Record<AuditEntry['action'], (e: AuditEntry) => string> = {
  'organization.created': () => 'set up the organization',
  'invitation.created': (e) => `invited ${e.data.email} as ${e.data.role}`,
  'invitation.revoked': (e) => `withdrew the invitation of ${e.data.email}`,
  'invitation.accepted': (e) => `joined as ${e.data.role} (invitation)`,
  'member.role_changed': (e) => `changed the role of ${e.target?.name ?? 'someone'} from ${e.data.from} to ${e.data.to}`,
  'member.deactivated': (e) => `deactivated ${e.target?.name ?? 'someone'}`,
  'member.reactivated': (e) => `reactivated ${e.target?.name ?? 'someone'}`,
  'member.joined_with_sso': (e) => `joined with SSO as ${e.data.role} (${e.data.via === 'invitation' ? 'invitation' : 'allowed domain'})`,
  'password.changed': () => 'changed their password',
  'password.reset_issued': (e) => `issued a password reset link for ${e.target?.name ?? 'someone'}`,
  'password.reset_used': () => 'set a new password with a reset link',
  'organization.updated': (e) => `changed settings: ${Object.keys((e.data.changes as object) ?? {}).join(', ')}`,
  'sso.updated': (e) => `changed single sign-on: ${Object.keys((e.data.changes as object) ?? {}).join(', ')}`,
}

export function AuditLog() {
  const audit = useAudit()
  if (audit.isPending) return <Skeleton height="8rem" />
  if (audit.isError) return <FormError error={audit.error} />
  const entries = audit.data.pages.flatMap((p) => p.entries)
  if (entries.length === 0) return <p className="page__text">Nothing recorded yet.</p>
  return (
    <>
      <ol className="audit-list" aria-label="Audit log, newest first">
        {entries.map((e) => (
          <li key={e.id} className="audit-list__row">
            <time className="audit-list__when" dateTime={e.created_at}>
              {new Date(e.created_at).toLocaleString()}
            </time>
            <span>
              <strong>{e.actor?.name ?? 'Someone'}</strong> {describe[e.action](e)}
            </span>
          </li>
        ))}
      </ol>
      {audit.hasNextPage && (
        <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
          Older entries
        </Button>
      )}
    </>
  )
}
