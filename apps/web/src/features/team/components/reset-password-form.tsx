import { useState, type FormEvent } from 'react'
import { passwordProblem } from '@resolutionflow/shared/passwords.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { PasswordInput } from '../../../components/forms/password-input.tsx'
import { useCompleteReset } from '../api/reset-link.ts'

export function ResetPasswordForm({ token, account, onDone }: { token: string; account: { email: string; name: string }; onDone: () => void }) {
  const [password, setPassword] = useState('')
  const reset = useCompleteReset(token)
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    reset.mutate(password, { onSuccess: onDone })
  }
  return (
    <form className="login-form" onSubmit={onSubmit} noValidate>
      <PasswordInput id="reset-password" label="New password" value={password} onChange={setPassword} account={account} isNew />
      <FormError error={reset.error} />
      <Button type="submit" variant="primary" className="login-form__submit" loading={reset.isPending} disabled={Boolean(passwordProblem(password, account))}>
        Set password
      </Button>
    </form>
  )
}
