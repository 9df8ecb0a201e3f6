import { useState, type FormEvent } from 'react'
import { ROLES, type Role } from '@resolutionflow/shared/roles.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { fieldError } from '../../../components/forms/field-errors.ts'
import { TextField } from '../../../components/forms/text-field.tsx'
import { useCreateInvitation } from '../api/invitations.ts'
import { CopyLink } from './copy-link.tsx'

export const ROLE_LABELS: Record<Role, string> = { engineer: 'Engineer', senior: 'Senior', admin: 'Admin' }

export function InviteForm() {
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('engineer')
  const create = useCreateInvitation()
  const invitation = create.data?.invitation

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate({ email, role }, { onSuccess: () => setEmail('') })
  }

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title" className="card__title">
        Invite someone
      </h2>
      <form className="invite-form" onSubmit={onSubmit} noValidate>
        <TextField id="invite-email" label="E-mail" type="email" value={email} onChange={setEmail} required error={fieldError(create.error, 'body.email')} />
        <div className="field">
          <label htmlFor="invite-role" className="field__label">
            Role
          </label>
          <select id="invite-role" className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" loading={create.isPending} disabled={!email.trim()}>
          Send invitation
        </Button>
      </form>
      <FormError error={create.error} fields={['body.email']} />
      {invitation?.url && (
        <CopyLink
          label={`Invitation link for ${invitation.email}`}
          url={invitation.url}
          note={
            invitation.emailed
              ? `Invitation e-mailed to ${invitation.email}. The link works once, for 7 days:`
              : `Give ${invitation.email} this link (e-mail is not configured). It works once, for 7 days:`
          }
        />
      )}
    </section>
  )
}
