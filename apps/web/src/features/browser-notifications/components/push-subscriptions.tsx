import { Button } from '../../../components/ui/button.tsx'
import { Spinner } from '../../../components/ui/spinner.tsx'
import { useDeletePushSubscription, usePushSubscriptions } from '../api/push.ts'
import type { PushSubscriptionRecord } from '../api/types.ts'
import { useBrowserPush } from '../hooks/use-browser-push.ts'
import { describeBrowser } from '../utils/describe-browser.ts'

/** Push for this browser (subscribe / unsubscribe), then every browser that gets pushes, removable. */
export function PushSubscriptions() {
  const push = useBrowserPush()
  const list = usePushSubscriptions()
  const remove = useDeletePushSubscription()
  const subscriptions = list.data?.subscriptions ?? []

  return (
    <section className="rf-settings__section" aria-labelledby="push-title">
      <h2 id="push-title" className="rf-settings__title">
        Push notifications
      </h2>
      <p className="rf-muted rf-settings__hint">An escalation reaches a subscribed browser even when no ResolutionFlow tab is open.</p>

      <div className="rf-settings__row">
        {!push.supported ? (
          <p className="rf-muted">This browser does not support push notifications here.</p>
        ) : push.loading ? (
          <Spinner size="sm" label="Checking this browser" />
        ) : push.endpoint ? (
          <>
            <span>This browser gets push notifications.</span>
            <Button size="sm" variant="secondary" onClick={() => push.unsubscribe.mutate()} loading={push.unsubscribe.isPending}>
              Turn off for this browser
            </Button>
          </>
        ) : (
          <Button size="sm" variant="primary" onClick={() => push.subscribe.mutate()} loading={push.subscribe.isPending}>
            Turn on for this browser
          </Button>
        )}
      </div>
      {push.subscribe.isError ? (
        <p role="alert" className="rf-settings__error">
          Couldn't turn on push: {push.subscribe.error.message}
        </p>
      ) : null}

      <h3 className="rf-settings__subtitle">Subscribed browsers</h3>
      {list.isPending ? (
        <Spinner size="sm" label="Loading subscribed browsers" />
      ) : list.isError ? (
        <p className="rf-muted">Couldn't load the subscribed browsers.</p>
      ) : subscriptions.length === 0 ? (
        <p className="rf-muted">No browser gets push notifications yet.</p>
      ) : (
        <ul className="rf-settings__list" aria-label="Subscribed browsers">
          {subscriptions.map((s) => (
            <SubscriptionItem
              key={s.id}
              subscription={s}
              current={s.endpoint === push.endpoint}
              removing={remove.isPending && remove.variables === s.id}
              onRemove={() => remove.mutate(s.id)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

type SubscriptionItemProps = {
  subscription: PushSubscriptionRecord
  current: boolean
  removing: boolean
  onRemove: () => void
}

function SubscriptionItem({ subscription, current, removing, onRemove }: SubscriptionItemProps) {
  const name = describeBrowser(subscription)
  return (
    <li className="rf-settings__list-item">
      <span>
        {name}
        {current ? <span className="rf-muted"> · this browser</span> : null}
        <span className="rf-muted rf-settings__toggle-hint">Since {new Date(subscription.created_at).toLocaleDateString()}</span>
      </span>
      <Button size="sm" variant="ghost" onClick={onRemove} loading={removing} aria-label={`Remove ${name}`}>
        Remove
      </Button>
    </li>
  )
}
