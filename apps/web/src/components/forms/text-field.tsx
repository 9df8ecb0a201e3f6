type TextFieldProps = {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'email' | 'url' | 'number'
  autoComplete?: string
  hint?: string
  required?: boolean
  autoFocus?: boolean
  min?: number
  readOnly?: boolean
  /** Why the server refused this field (see `fieldError`, e.g. "must be at least 10"), shown under it after the label. */
  error?: string
}

export function TextField({ id, label, value, onChange, type = 'text', hint, error, ...rest }: TextFieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className="input"
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
      {error && (
        <p id={`${id}-error`} className="field__hint field__hint--error">
          {label} {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  )
}
