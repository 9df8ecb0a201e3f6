import { useState } from 'react'
import type { User } from '@resolutionflow/shared/users.ts'
import { FormError } from '../../../components/forms/form-error.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useIssuePasswordReset, useMembers, useUpdateMember } from '../api/members.ts'
import { CopyLink } from './copy-link.tsx'
import { MemberRow } from './member-row.tsx'

export function MemberTable({ viewer }: { viewer: User }) {
  const members = useMembers()
  const update = useUpdateMember()
  const reset = useIssuePasswordReset()
  const [resetFor, setResetFor] = useState<string | null>(null)
  if (members.isPending) return <Skeleton className="member-table__skeleton" />
  if (members.isError) return <FormError error={members.error} />
  const list = members.data.members
  const activeAdmins = list.filter((m) => m.role === 'admin' && m.active)

  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title" className="card__title">
        Members
      </h2>
      <FormError error={update.error} />
      <div className="table-scroll">
        <table className="member-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <MemberRow
                key={m.id}
                member={m}
                isYou={m.id === viewer.id}
                otherActiveAdmins={activeAdmins.filter((a) => a.id !== m.id).length}
                busy={update.isPending && update.variables?.id === m.id}
                onChange={(change) => update.mutate({ id: m.id, ...change })}
                onIssueReset={() => {
                  setResetFor(m.name)
                  reset.mutate(m.id)
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      <FormError error={reset.error} />
      {reset.data && resetFor && (
        <CopyLink label={`Reset link for ${resetFor}`} url={reset.data.reset.url} note={`Give ${resetFor} this link. It works once, for 24 hours:`} />
      )}
    </section>
  )
}
