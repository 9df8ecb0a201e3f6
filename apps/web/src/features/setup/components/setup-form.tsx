import { useState, type FormEvent } from 'react'
import { passwordProblem } from '@resolutionflow/shared/passwords.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { PasswordInput } from '../../../components/forms/password-input.tsx'
import { TextField } from '../../../components/forms/text-field.tsx'
import { useRunSetup } from '../api/run-setup.ts'

/** First run: the organization and its first admin, in one step. */
export function SetupForm({ onDone }: { onDone: () => void }) {
  const [organizationName, setOrganizationName] = useState('')
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const setup = useRunSetup()
  const ready = organizationName.trim() && name.trim() && email.trim() && !passwordProblem(password, { email, name })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    setup.mutate({ organization_name: organizationName, name, email, password }, { onSuccess: onDone })
  }

  return (
    <form className="login-form" onSubmit={onSubmit} noValidate>
      <TextField id="setup-org" label="Organization name" value={organizationName} onChange={setOrganizationName} autoComplete="organization" required autoFocus />
      <TextField id="setup-name" label="Your name" value={name} onChange={setName} autoComplete="name" required />
      <TextField id="setup-email" label="Your e-mail" type="email" value={email} onChange={setEmail} autoComplete="username" required />
      <PasswordInput id="setup-password" label="Password" value={password} onChange={setPassword} account={{ email, name }} isNew />
      <FormError error={setup.error} />
      <Button type="submit" variant="primary" className="login-form__submit" loading={setup.isPending} disabled={!ready}>
        Create organization
      </Button>
    </form>
  )
}
