import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { AssistantDeltaPayload, DomainEventPayload, DomainEventType, PresenceChangedPayload } from '@resolutionflow/shared/events.ts'
import type { PresenceListResponse } from '@resolutionflow/shared/presence.ts'
import { liveQueryPrefixes, queryKeys } from './query-keys.ts'

export const LIVE_EVENTS_URL = '/api/events'

type HandoffEvent = { handoff_id: string; session_id: string }

const handoffKeys = (p: HandoffEvent): QueryKey[] => [
  queryKeys.sessions.detail(p.session_id),
  queryKeys.sessions.list(),
  queryKeys.handoffs.detail(p.handoff_id),
  queryKeys.handoffs.lists(),
  // Every escalation, claim and finished assessment moves the team figures.
  queryKeys.metrics.all,
]

const sessionKeys = (p: { session_id: string }): QueryKey[] => [
  queryKeys.sessions.detail(p.session_id),
  queryKeys.sessions.list(),
]

/**
 * What each domain event makes stale. Payloads carry ids, not documents, so the
 * client refetches what it shows. Typed as a full record: a new event type in
 * the shared contract fails the build until it is handled here.
 */
const invalidations: { [T in DomainEventType]: (payload: DomainEventPayload<T>) => QueryKey[] } = {
  message_created: sessionKeys,
  task_lane_updated: sessionKeys,
  handoff_created: handoffKeys,
  handoff_assessment_pending: handoffKeys,
  handoff_assessment_ready: handoffKeys,
  handoff_claimed: handoffKeys,
  notification_created: () => [queryKeys.notifications.all],
  reply_failed: sessionKeys,
  // A cancel or a decline makes seniors' notifications obsolete without a new one for them.
  handoff_cancelled: (p) => [...handoffKeys(p), queryKeys.notifications.all],
  handoff_declined: (p) => [...handoffKeys(p), queryKeys.notifications.all],
  handoff_handed_back: handoffKeys,
  // The escalation policy's reminders: the handoff's timeline moved and new notifications came.
  handoff_renotified: (p) => [...handoffKeys(p), queryKeys.notifications.all],
  handoff_widened: (p) => [...handoffKeys(p), queryKeys.notifications.all],
  session_resolved: (p) => [...sessionKeys(p), queryKeys.handoffs.lists(), queryKeys.metrics.all],
  session_reopened: (p) => [...sessionKeys(p), queryKeys.handoffs.lists(), queryKeys.metrics.all],
  feedback_recorded: (p) => [queryKeys.handoffs.feedback(p.handoff_id), queryKeys.metrics.all],
}

const eventTypes = Object.keys(invalidations) as DomainEventType[]

export type LiveEventMeta<T extends DomainEventType> = { type: T; id: string }
export type LiveEventHandler<T extends DomainEventType> = (payload: DomainEventPayload<T>, meta: LiveEventMeta<T>) => void

const handlers = new Map<DomainEventType, Set<LiveEventHandler<DomainEventType>>>()

/**
 * Subscribe to one kind of live event (after its queries were invalidated),
 * e.g. to show a toast when a handoff is claimed. Returns the unsubscribe function.
 */
export function onLiveEvent<T extends DomainEventType>(type: T, handler: LiveEventHandler<T>): () => void {
  let set = handlers.get(type)
  if (!set) handlers.set(type, (set = new Set()))
  const erased = handler as unknown as LiveEventHandler<DomainEventType>
  set.add(erased)
  return () => {
    set.delete(erased)
  }
}

function dispatch<T extends DomainEventType>(queryClient: QueryClient, type: T, event: MessageEvent<string>) {
  let payload: DomainEventPayload<T>
  try {
    payload = JSON.parse(event.data) as DomainEventPayload<T>
  } catch (error) {
    console.error(`Ignoring a malformed ${type} event`, error)
    return
  }
  for (const queryKey of invalidations[type](payload)) void queryClient.invalidateQueries({ queryKey })
  for (const handler of handlers.get(type) ?? []) {
    // One failing subscriber must not keep the others from hearing the event.
    try {
      handler(payload, { type, id: event.lastEventId })
    } catch (error) {
      console.error(`A ${type} handler failed`, error)
    }
  }
}

const deltaHandlers = new Set<(payload: AssistantDeltaPayload) => void>()

/**
 * Subscribe to `assistant_delta`: the words of a reply the server writes on its own (the
 * answer to a senior's AI-analysis briefing), as they come. Live-only: nothing to refetch.
 */
export function onAssistantDelta(handler: (payload: AssistantDeltaPayload) => void): () => void {
  deltaHandlers.add(handler)
  return () => {
    deltaHandlers.delete(handler)
  }
}

function dispatchDelta(event: MessageEvent<string>) {
  let payload: AssistantDeltaPayload
  try {
    payload = JSON.parse(event.data) as AssistantDeltaPayload
  } catch (error) {
    console.error('Ignoring a malformed assistant_delta event', error)
    return
  }
  for (const handler of deltaHandlers) handler(payload)
}

/**
 * Where the tab's live stream stands, for the header's "Reconnecting…" note: `connecting`
 * before the first open, `open`, and `reconnecting` from an interruption until it opens again.
 */
export type LiveConnectionState = 'connecting' | 'open' | 'reconnecting'

let connectionState: LiveConnectionState = 'connecting'
const connectionListeners = new Set<() => void>()

function setConnectionState(next: LiveConnectionState) {
  if (next === connectionState) return
  connectionState = next
  for (const listener of connectionListeners) listener()
}

export const getLiveConnectionState = (): LiveConnectionState => connectionState

/** `useSyncExternalStore`'s subscribe: called on every change of the connection state. */
export function subscribeLiveConnection(listener: () => void): () => void {
  connectionListeners.add(listener)
  return () => {
    connectionListeners.delete(listener)
  }
}

/**
 * `presence_changed` carries the whole viewer list of one handoff: it replaces that entry
 * in the cached list, with no refetch. With nothing cached yet there is nothing to update;
 * the list is fetched whole when something first shows it.
 */
function applyPresence(queryClient: QueryClient, event: MessageEvent<string>) {
  let payload: PresenceChangedPayload
  try {
    payload = JSON.parse(event.data) as PresenceChangedPayload
  } catch (error) {
    console.error('Ignoring a malformed presence_changed event', error)
    return
  }
  queryClient.setQueryData<PresenceListResponse>(queryKeys.presence, (old) => {
    if (!old) return old
    const others = old.presence.filter((entry) => entry.handoff_id !== payload.handoff_id)
    return { presence: payload.viewers.length > 0 ? [...others, payload] : others }
  })
}

const MIN_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000
const CLOSED = 2 // EventSource.CLOSED, spelled out so tests can swap the class

/**
 * Opens the tab's one live-event stream and keeps react-query in step with it.
 * The browser reconnects by itself and sends Last-Event-ID, which the server
 * replays; after any interruption everything live is refetched as well, so
 * nothing missed stays stale. Returns the function that closes the stream.
 */
export function connectLiveEvents(queryClient: QueryClient): () => void {
  let source: EventSource | null = null
  let interrupted = false
  let retryDelay = MIN_RETRY_MS
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  const open = () => {
    const current = new EventSource(LIVE_EVENTS_URL)
    source = current
    current.addEventListener('open', () => {
      retryDelay = MIN_RETRY_MS
      setConnectionState('open')
      if (!interrupted) return
      interrupted = false
      for (const queryKey of liveQueryPrefixes) void queryClient.invalidateQueries({ queryKey })
    })
    current.addEventListener('error', () => {
      interrupted = true
      setConnectionState('reconnecting')
      // A non-200 answer (401 after sign-out elsewhere, a proxy's 502 while the
      // API restarts) closes an EventSource for good: reopen it ourselves, and
      // recheck the session, whose 401 sends the app to the sign-in page.
      if (current.readyState !== CLOSED) return
      current.close()
      void queryClient.invalidateQueries({ queryKey: queryKeys.me })
      retryTimer = setTimeout(open, retryDelay)
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS)
    })
    for (const type of eventTypes) {
      current.addEventListener(type, (event) => dispatch(queryClient, type, event as MessageEvent<string>))
    }
    current.addEventListener('assistant_delta', (event) => dispatchDelta(event as MessageEvent<string>))
    // The server could not replay what was missed (too far behind, or a Last-Event-ID it
    // cannot place): it moved our Last-Event-ID to now, so everything cached may be stale.
    current.addEventListener('reset', () => void queryClient.invalidateQueries())
    current.addEventListener('presence_changed', (event) => applyPresence(queryClient, event as MessageEvent<string>))
  }

  setConnectionState('connecting')
  open()
  return () => {
    clearTimeout(retryTimer)
    source?.close()
    setConnectionState('connecting')
  }
}
