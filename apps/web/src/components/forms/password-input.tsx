import { useId, useState } from 'react'
import { passwordProblem } from '@resolutionflow/shared/passwords.ts'

type PasswordInputProps = {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  /** The account it is for: the rule refuses a password made of the e-mail or the name. */
  account?: { email?: string; name?: string }
  /** A new password shows the same strength rule the server enforces, as the user types. */
  isNew?: boolean
  autoComplete?: string
}

export function PasswordInput({ id, label, value, onChange, account, isNew = false, autoComplete }: PasswordInputProps) {
  const hintId = useId()
  const [touched, setTouched] = useState(false)
  const problem = isNew && value ? passwordProblem(value, account) : null
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="password"
        autoComplete={autoComplete ?? (isNew ? 'new-password' : 'current-password')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => setTouched(true)}
        aria-describedby={isNew ? hintId : undefined}
        aria-invalid={touched && problem ? true : undefined}
        required
      />
      {isNew && (
        <p id={hintId} className={`field__hint${touched && problem ? ' field__hint--error' : ''}`}>
          {problem && value ? problem : 'At least 12 characters. A few words make a strong, memorable password.'}
        </p>
      )}
    </div>
  )
}
