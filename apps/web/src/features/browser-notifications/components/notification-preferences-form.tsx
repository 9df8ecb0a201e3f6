import { useId } from 'react'
import { isApiError } from '../../../lib/api-client.ts'
import { DEFAULT_PREFERENCES, usePreferences, useUpdatePreferences } from '../api/preferences.ts'
import type { NotificationPreferences } from '../api/types.ts'

const CHANNELS: Array<{ key: keyof NotificationPreferences; label: string; hint: string }> = [
  { key: 'desktop', label: 'Desktop notifications', hint: 'While a ResolutionFlow tab is open in the background.' },
  { key: 'push', label: 'Push notifications', hint: 'In the browsers below, even with every tab closed.' },
  { key: 'email', label: 'E-mail', hint: 'The escalation, its note and the link to pick it up.' },
]

/** Which channels reach the user besides the bell (in-app notifications are always on). */
export function NotificationPreferencesForm() {
  const preferences = usePreferences()
  const update = useUpdatePreferences()
  const hintId = useId()
  const current = preferences.data ?? DEFAULT_PREFERENCES
  const unavailable = preferences.isError && isApiError(preferences.error) && preferences.error.status === 404

  return (
    <fieldset className="rf-settings__fieldset" aria-describedby={hintId} disabled={preferences.isPending || unavailable}>
      <legend className="rf-settings__legend">Notify me about escalations by</legend>
      <p id={hintId} className="rf-muted rf-settings__hint">
        The bell in the header always shows them.
      </p>
      {CHANNELS.map(({ key, label, hint }) => (
        <label key={key} className="rf-settings__toggle">
          <input
            type="checkbox"
            role="switch"
            checked={current[key]}
            onChange={(event) => update.mutate({ [key]: event.target.checked })}
          />
          <span>
            <span className="rf-settings__toggle-label">{label}</span>
            <span className="rf-muted rf-settings__toggle-hint">{hint}</span>
          </span>
        </label>
      ))}
      {update.isError ? (
        <p role="alert" className="rf-settings__error">
          Couldn't save: {update.error.message}
        </p>
      ) : null}
      {preferences.isError && !unavailable ? (
        <p role="alert" className="rf-settings__error">
          Couldn't load your preferences.
        </p>
      ) : null}
      {unavailable ? <p className="rf-muted">Notification preferences are not available on this server yet.</p> : null}
    </fieldset>
  )
}
