import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { useDeleteWebhook, useSendTestDelivery } from '../api/webhooks.ts'
import type { Webhook } from '../api/types.ts'
import { eventLabel, KIND_LABELS } from '../utils/labels.ts'
import { WebhookDeliveries } from './webhook-deliveries.tsx'

/** One webhook: where it goes and what it hears; send a test, show its deliveries, delete it. */
export function WebhookItem({ webhook }: { webhook: Webhook }) {
  const [showLog, setShowLog] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const remove = useDeleteWebhook()
  const test = useSendTestDelivery()

  return (
    <li className="rf-webhook" aria-label={webhook.url}>
      <div className="rf-webhook__head">
        <div>
          <p className="rf-webhook__url">{webhook.url}</p>
          <p className="rf-muted rf-settings__hint">
            {KIND_LABELS[webhook.kind]} · {webhook.events.map(eventLabel).join(', ')}
          </p>
        </div>
        <div className="rf-webhook__actions">
          <Button size="sm" onClick={() => test.mutate(webhook.id, { onSuccess: () => setShowLog(true) })} loading={test.isPending}>
            Send test
          </Button>
          <Button size="sm" variant="ghost" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
            {showLog ? 'Hide deliveries' : 'Deliveries'}
          </Button>
          {confirming ? (
            <Button size="sm" variant="danger" onClick={() => remove.mutate(webhook.id)} loading={remove.isPending}>
              Delete for good
            </Button>
          ) : (
            <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
              Delete
            </Button>
          )}
        </div>
      </div>
      {test.isError ? (
        <p role="alert" className="rf-settings__error">
          Test failed: {test.error.message}
        </p>
      ) : null}
      {remove.isError ? (
        <p role="alert" className="rf-settings__error">
          Couldn't delete: {remove.error.message}
        </p>
      ) : null}
      {showLog ? <WebhookDeliveries webhookId={webhook.id} /> : null}
    </li>
  )
}
