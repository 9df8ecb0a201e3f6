import { useState } from 'react'
import { Spinner } from '../../../components/ui/spinner.tsx'
import { useWebhooks } from '../api/webhooks.ts'
import { WebhookForm } from './webhook-form.tsx'
import { WebhookItem } from './webhook-item.tsx'
import { WebhookSecret } from './webhook-secret.tsx'
import '../webhooks.css'

/** The organization's outgoing webhooks (admins): add one, see its secret once, test, read the log. */
export function WebhooksAdmin() {
  const webhooks = useWebhooks()
  const [secret, setSecret] = useState<string | null>(null)
  const list = webhooks.data?.webhooks ?? []

  return (
    <>
      <section className="rf-settings__section" aria-labelledby="webhook-add-title">
        <h2 id="webhook-add-title" className="rf-settings__title">
          Add a webhook
        </h2>
        <p className="rf-muted rf-settings__hint">
          Post escalations to Microsoft Teams, Slack or your own tool. Each delivery is signed and retried for up to a day.
        </p>
        {secret ? <WebhookSecret secret={secret} onDone={() => setSecret(null)} /> : null}
        <WebhookForm onCreated={(created) => setSecret(created.secret)} />
      </section>
      <section className="rf-settings__section" aria-labelledby="webhook-list-title">
        <h2 id="webhook-list-title" className="rf-settings__title">
          Webhooks
        </h2>
        {webhooks.isPending ? (
          <Spinner label="Loading webhooks" />
        ) : webhooks.isError ? (
          <p role="alert" className="rf-settings__error">
            Couldn't load the webhooks: {webhooks.error.message}
          </p>
        ) : list.length === 0 ? (
          <p className="rf-muted">No webhooks yet.</p>
        ) : (
          <ul className="rf-webhooks" aria-label="Webhooks">
            {list.map((w) => (
              <WebhookItem key={w.id} webhook={w} />
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
