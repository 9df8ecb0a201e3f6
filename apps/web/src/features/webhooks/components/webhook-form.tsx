import { useId, useState, type FormEvent } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { useCreateWebhook } from '../api/webhooks.ts'
import { WEBHOOK_EVENTS, WEBHOOK_KINDS, type CreateWebhookResponse, type WebhookEvent, type WebhookKind } from '../api/types.ts'
import { EVENT_LABELS, KIND_LABELS } from '../utils/labels.ts'

/** Add a webhook: its URL, its format and the events it hears. Hands the created one (with its secret) up. */
export function WebhookForm({ onCreated }: { onCreated: (created: CreateWebhookResponse['webhook']) => void }) {
  const create = useCreateWebhook()
  const [url, setUrl] = useState('')
  const [kind, setKind] = useState<WebhookKind>('json')
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS])
  const urlId = useId()
  const kindId = useId()

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((current) => (on ? WEBHOOK_EVENTS.filter((e) => e === event || current.includes(e)) : current.filter((e) => e !== event)))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { url: url.trim(), kind, events },
      {
        onSuccess: ({ webhook }) => {
          setUrl('')
          onCreated(webhook)
        },
      },
    )
  }

  return (
    <form className="rf-webhook-form" onSubmit={submit} aria-label="Add a webhook">
      <div className="rf-webhook-form__field">
        <label htmlFor={urlId}>URL</label>
        <input
          id={urlId}
          type="url"
          required
          placeholder="https://example.webhook.office.com/…"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <div className="rf-webhook-form__field">
        <label htmlFor={kindId}>Format</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as WebhookKind)}>
          {WEBHOOK_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="rf-webhook-form__events">
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e}>
            <input type="checkbox" checked={events.includes(e)} onChange={(ev) => toggle(e, ev.target.checked)} /> {EVENT_LABELS[e]}
          </label>
        ))}
      </fieldset>
      {create.isError ? (
        <p role="alert" className="rf-settings__error">
          {create.error.message}
        </p>
      ) : null}
      <div>
        <Button type="submit" variant="primary" loading={create.isPending} disabled={events.length === 0 || !url.trim()}>
          Add webhook
        </Button>
      </div>
    </form>
  )
}
