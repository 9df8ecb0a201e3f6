import { useState, type FormEvent } from 'react'
import { passwordProblem } from '@resolutionflow/shared/passwords.ts'
import type { User } from '@resolutionflow/shared/users.ts'
import { Button } from '../../../components/ui/button.tsx'
import { FormError } from '../../../components/forms/form-error.tsx'
import { PasswordInput } from '../../../components/forms/password-input.tsx'
import { useChangePassword } from '../api/change-password.ts'

export function ChangePasswordForm({ user }: { user: User }) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const change = useChangePassword()
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('')
          setNext('')
        },
      },
    )
  }
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title" className="card__title">
        Change password
      </h2>
      <form className="login-form" onSubmit={onSubmit} noValidate>
        <PasswordInput id="current-password" label="Current password" value={current} onChange={setCurrent} />
        <PasswordInput id="new-password" label="New password" value={next} onChange={setNext} account={user} isNew />
        <FormError error={change.error} />
        {change.isSuccess && (
          <p className="form-success" role="status">
            Password changed. Your other sign-ins have ended.
          </p>
        )}
        <Button type="submit" variant="primary" loading={change.isPending} disabled={!current || Boolean(passwordProblem(next, user))}>
          Change password
        </Button>
      </form>
    </section>
  )
}
