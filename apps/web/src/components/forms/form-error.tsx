import { isApiError } from '../../lib/api-client.ts'
import { issuesOf } from './field-errors.ts'

/**
 * The API's message for a failed form submit, or a generic one. With `fields` (the paths the
 * form shows each field's error under, see `fieldError`), a refusal that names only those
 * fields points to them instead of repeating the raw message.
 */
export function FormError({ error, id, fields = [] }: { error: unknown; id?: string; fields?: string[] }) {
  if (!error) return null
  const issues = issuesOf(error)
  const shown = issues.length > 0 && issues.every((i) => fields.includes(i.path))
  const text = shown ? 'Check the fields marked above.' : isApiError(error) ? error.message : 'Something went wrong. Try again.'
  return (
    <p id={id} className="form-error" role="alert">
      {text}
    </p>
  )
}
