import { useState, type FormEvent } from 'react'
import { isApiError } from '../../../lib/api-client.ts'
import { Button } from '../../../components/ui/button.tsx'
import { useLogin } from '../api/login.ts'
import { DemoAccounts } from './demo-accounts.tsx'

type LoginFormProps = {
  onSuccess: () => void
  /** Offer the demo accounts (only where they exist: the embedded demo). */
  demoAccounts?: boolean
}

function describeLoginError(error: unknown): string {
  if (!isApiError(error)) return 'Sign-in failed. Try again.'
  if (error.status === 401) return 'Incorrect email or password'
  if (error.status === 429) return 'Too many sign-in attempts. Wait a minute, then try again.'
  if (error.status === 400) return 'Enter a valid email address and your password.'
  if (error.status === 0) return error.message
  return 'Sign-in failed. Try again.'
}

export function LoginForm({ onSuccess, demoAccounts = true }: LoginFormProps) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const login = useLogin()
  const errorText = login.isError ? describeLoginError(login.error) : null

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    login.mutate({ email, password }, { onSuccess })
  }

  return (
    <>
      <form className="login-form" onSubmit={onSubmit} noValidate aria-describedby={errorText ? 'login-error' : undefined}>
        <div className="field">
          <label htmlFor="login-email" className="field__label">
            Email
          </label>
          <input
            id="login-email"
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={errorText ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password" className="field__label">
            Password
          </label>
          <input
            id="login-password"
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={errorText ? true : undefined}
          />
        </div>
        {errorText && (
          <p id="login-error" className="form-error" role="alert">
            {errorText}
          </p>
        )}
        <Button
          type="submit"
          variant="primary"
          className="login-form__submit"
          loading={login.isPending}
          disabled={!email || !password}
        >
          Sign in
        </Button>
      </form>
      {demoAccounts && (
        <DemoAccounts
          onPick={(pickedEmail, pickedPassword) => {
            setEmail(pickedEmail)
            setPassword(pickedPassword)
            login.reset()
          }}
        />
      )}
    </>
  )
}
