import { useLiveConnectionState } from '../../lib/use-live-connection.ts'

/**
 * "Reconnecting…" in the header while the live stream is down: until it is back, the bell,
 * the queue and open handoffs do not update by themselves. The status region is always
 * there (empty when connected), so the change is announced when it happens.
 */
export function LiveConnectionStatus() {
  const state = useLiveConnectionState()
  return (
    <span role="status" className="live-status">
      {state === 'reconnecting' && (
        <span className="live-status__badge" title="Live updates paused: the connection to the server dropped">
          <span className="live-status__dot" aria-hidden="true" />
          Reconnecting…
        </span>
      )}
    </span>
  )
}
