import { useState, type FormEvent } from 'react'
import { passwordProblem } from '@resolutionflow/shared/passwords.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { PasswordInput } from '../../../components/forms/password-input.tsx'
import { TextField } from '../../../components/forms/text-field.tsx'
import { useAcceptInvitation } from '../api/invitation-link.ts'

export function AcceptInvitationForm({ token, email, onDone }: { token: string; email: string; onDone: () => void }) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const accept = useAcceptInvitation(token)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    accept.mutate({ name, password }, { onSuccess: onDone })
  }
  return (
    <form className="login-form" onSubmit={onSubmit} noValidate>
      <TextField id="accept-email" label="E-mail" value={email} onChange={() => {}} readOnly autoComplete="username" hint="The address you were invited with." />
      <TextField id="accept-name" label="Your name" value={name} onChange={setName} autoComplete="name" required autoFocus />
      <PasswordInput id="accept-password" label="Password" value={password} onChange={setPassword} account={{ email, name }} isNew />
      <FormError error={accept.error} />
      <Button type="submit" variant="primary" className="login-form__submit" loading={accept.isPending} disabled={!name.trim() || Boolean(passwordProblem(password, { email, name }))}>
        Join
      </Button>
    </form>
  )
}
