import { Spinner } from '../../../components/ui/spinner.tsx'
import { useWebhookDeliveries } from '../api/webhooks.ts'
import type { WebhookDelivery } from '../api/types.ts'
import { eventLabel } from '../utils/labels.ts'

const STATUS_LABELS: Record<WebhookDelivery['status'], string> = {
  pending: 'retrying',
  succeeded: 'delivered',
  failed: 'failed',
}

/** The delivery log of one webhook: what was sent, how it went, how often it was tried. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useWebhookDeliveries(webhookId)
  if (deliveries.isPending) return <Spinner size="sm" label="Loading deliveries" />
  if (deliveries.isError) return <p className="rf-muted">Couldn't load the deliveries.</p>
  const rows = deliveries.data.deliveries
  if (rows.length === 0) return <p className="rf-muted">Nothing delivered yet.</p>
  return (
    <table className="rf-webhook-deliveries">
      <caption className="sr-only">Deliveries</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id}>
            <td>{new Date(d.created_at).toLocaleString()}</td>
            <td>{eventLabel(d.event)}</td>
            <td>
              <span className={`rf-delivery-status rf-delivery-status--${d.status}`}>{STATUS_LABELS[d.status]}</span>
              {d.last_status_code ? <span className="rf-muted"> · HTTP {d.last_status_code}</span> : null}
              {d.status === 'pending' && d.next_attempt_at ? (
                <span className="rf-muted"> · next try {new Date(d.next_attempt_at).toLocaleTimeString()}</span>
              ) : null}
            </td>
            <td>{d.attempts}</td>
            <td>{d.last_error ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
