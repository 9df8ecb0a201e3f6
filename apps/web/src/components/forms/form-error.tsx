import { isApiError } from '../../lib/api-client.ts'

/** The API's message for a failed form submit (it names the field), or a generic one. */
export function FormError({ error, id }: { error: unknown; id?: string }) {
  if (!error) return null
  const text = isApiError(error) ? error.message : 'Something went wrong. Try again.'
  return (
    <p id={id} className="form-error" role="alert">
      {text}
    </p>
  )
}
