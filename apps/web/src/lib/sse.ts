import { hashKey, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { AssistantDeltaPayload, DomainEventPayload, DomainEventType, PresenceChangedPayload } from '@resolutionflow/shared/events.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { LIST_PAGES } from '@resolutionflow/shared/list-pages.ts'
import type { NotificationsResponse } from '@resolutionflow/shared/notifications.ts'
import type { PresenceListResponse } from '@resolutionflow/shared/presence.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import type { User } from '@resolutionflow/shared/users.ts'
import { liveQueryPrefixes, queryKeys } from './query-keys.ts'

export const LIVE_EVENTS_URL = '/api/events'

/**
 * How long a burst of events is collected before the keys it made stale are invalidated,
 * once each: the rows of one transaction (an escalation and its notifications) arrive as
 * separate events a few milliseconds apart.
 */
export const LIVE_REFETCH_DELAY_MS = 50

// The server's page sizes: a full page may hide, below its end, what an event names, which can then move into it.
const { sessions: SIDEBAR_PAGE, handoffs: HANDOFF_LIST_PAGE, notifications: NOTIFICATIONS_PAGE } = LIST_PAGES

/** The one query cached under exactly `queryKey`, if any. */
const cached = <TData>(queryClient: QueryClient, queryKey: QueryKey) => queryClient.getQueryCache().find<TData>({ queryKey, exact: true })

/**
 * Whether a cached list may show what an event names: it does, or this tab cannot tell
 * (nothing cached, a fetch in flight whose answer may predate the event, a full page).
 * Only then is it refetched; a list that shows none of it is the same after the event.
 */
function mayShow<TData, TItem>(query: Query<TData> | undefined, items: (data: TData) => readonly TItem[], page: number, names: (item: TItem) => boolean) {
  const data = query?.state.data
  if (data === undefined || query!.state.fetchStatus !== 'idle') return true
  const list = items(data)
  return list.length >= page || list.some(names)
}

/**
 * The sidebar (sessions I started or picked up) changes with an event about one of its
 * sessions, or with one of mine that can add a session to it: my claim, or my message (a
 * session I just started, in another tab or on another device).
 */
function sidebar(queryClient: QueryClient, sessionId: string, byUserId?: string | null): QueryKey[] {
  const key = queryKeys.sessions.list()
  const me = cached<User | null>(queryClient, queryKeys.me)?.state.data
  if (byUserId && (!me || byUserId === me.id)) return [key]
  return mayShow(cached<Session[]>(queryClient, key), (sessions) => sessions, SIDEBAR_PAGE, (s) => s.id === sessionId) ? [key] : []
}

type HandoffListChange = 'adds' | 'updates' | 'leaves-pending'
const isPendingList = (queryKey: QueryKey) => (queryKey[2] as { status?: string } | undefined)?.status === 'pending'

/**
 * The cached handoff lists an event changes: every list for a new handoff; otherwise those
 * showing its handoff (or, for a session event, one of the session's handoffs). A pending
 * queue showing a handoff just claimed or cancelled drops it in place instead of refetching,
 * when its data is the whole answer (no fetch in flight, not a full page).
 */
function handoffLists(queryClient: QueryClient, event: { handoff_id?: string; session_id: string }, change: HandoffListChange): QueryKey[] {
  const names = (h: HandoffResponse) => (event.handoff_id ? h.id === event.handoff_id : h.session_id === event.session_id)
  const stale: QueryKey[] = []
  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.handoffs.lists() }) as Query<HandoffResponse[]>[]) {
    if (change !== 'adds' && !mayShow(query, (handoffs) => handoffs, HANDOFF_LIST_PAGE, names)) continue
    const data = query.state.data
    const whole = data !== undefined && query.state.fetchStatus === 'idle' && data.length < HANDOFF_LIST_PAGE
    if (change === 'leaves-pending' && isPendingList(query.queryKey) && whole) {
      queryClient.setQueryData<HandoffResponse[]>(query.queryKey, data.filter((h) => !names(h)))
    } else stale.push(query.queryKey)
  }
  return stale
}

/** The bell, for an event that can make the viewer's notifications about its handoff obsolete. */
function bell(queryClient: QueryClient, handoffId: string): QueryKey[] {
  const query = cached<NotificationsResponse>(queryClient, queryKeys.notifications.all)
  return mayShow(query, (d) => d.notifications, NOTIFICATIONS_PAGE, (n) => n.handoff_id === handoffId) ? [queryKeys.notifications.all] : []
}

/**
 * What an event about a handoff makes stale. The detail keys cost nothing where they are not
 * on screen: react-query refetches active queries and only marks the others stale.
 */
const handoffKeys = (
  queryClient: QueryClient,
  p: { handoff_id: string; session_id: string },
  { lists = 'updates', claimedById }: { lists?: HandoffListChange | 'unchanged'; claimedById?: string } = {},
): QueryKey[] => [
  queryKeys.sessions.detail(p.session_id),
  ...sidebar(queryClient, p.session_id, claimedById),
  queryKeys.handoffs.detail(p.handoff_id),
  ...(lists === 'unchanged' ? [] : handoffLists(queryClient, p, lists)),
  // Every escalation, claim and finished assessment moves the team figures (one page shows them).
  queryKeys.metrics.all,
]

const sessionKeys = (queryClient: QueryClient, p: { session_id: string }, byUserId?: string | null): QueryKey[] => [
  queryKeys.sessions.detail(p.session_id),
  ...sidebar(queryClient, p.session_id, byUserId),
]

/**
 * What each domain event makes stale, decided from its payload and what this tab has
 * cached (payloads carry ids, not documents): only what shows the event's handoff or
 * session is refetched, and a pending queue drops a claimed handoff in place. Typed as a
 * full record: a new event type in the shared contract fails the build until it is handled here.
 */
const invalidations: { [T in DomainEventType]: (payload: DomainEventPayload<T>, queryClient: QueryClient) => QueryKey[] } = {
  message_created: (p, qc) => sessionKeys(qc, p, p.author_id),
  task_lane_updated: (p, qc) => sessionKeys(qc, p),
  handoff_created: (p, qc) => handoffKeys(qc, p, { lists: 'adds' }),
  // The lists show no assessment (the queue: who, what, how long waiting).
  handoff_assessment_pending: (p, qc) => handoffKeys(qc, p, { lists: 'unchanged' }),
  handoff_assessment_ready: (p, qc) => handoffKeys(qc, p, { lists: 'unchanged' }),
  // A claim also settles the seniors' notifications of it (read for the claimer, no longer needed for the rest).
  handoff_claimed: (p, qc) => [...handoffKeys(qc, p, { lists: 'leaves-pending', claimedById: p.claimed_by.id }), ...bell(qc, p.handoff_id)],
  notification_created: () => [queryKeys.notifications.all],
  reply_failed: (p, qc) => sessionKeys(qc, p),
  // A cancel or a decline makes seniors' notifications obsolete without a new one for them.
  handoff_cancelled: (p, qc) => [...handoffKeys(qc, p, { lists: 'leaves-pending' }), ...bell(qc, p.handoff_id)],
  handoff_declined: (p, qc) => [...handoffKeys(qc, p), ...bell(qc, p.handoff_id)],
  handoff_handed_back: (p, qc) => handoffKeys(qc, p),
  // The escalation policy's reminders: the handoff's timeline moved; the new notifications
  // reach their readers as notification_created.
  handoff_renotified: (p, qc) => [...handoffKeys(qc, p), ...bell(qc, p.handoff_id)],
  handoff_widened: (p, qc) => [...handoffKeys(qc, p), ...bell(qc, p.handoff_id)],
  session_resolved: (p, qc) => [...sessionKeys(qc, p), ...handoffLists(qc, p, 'updates'), queryKeys.metrics.all],
  session_reopened: (p, qc) => [...sessionKeys(qc, p), ...handoffLists(qc, p, 'updates'), queryKeys.metrics.all],
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

/**
 * The keys a burst of events made stale, invalidated once each when the burst is over, then
 * the burst's subscribers told, in order (so they still hear of an event after its queries
 * were invalidated). Invalidation refetches only what is mounted, once however many events
 * of the burst named it; the rest is marked stale and refetched when it is next shown.
 */
function createRefetchBatch(queryClient: QueryClient) {
  const stale = new Map<string, QueryKey>()
  let told: Array<() => void> = []
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = ({ invalidate }: { invalidate: boolean }) => {
    clearTimeout(timer)
    timer = undefined
    const keys = [...stale.values()]
    const tell = told
    stale.clear()
    told = []
    if (invalidate) for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey, refetchType: 'active' })
    for (const notify of tell) notify()
  }

  return {
    add(keys: QueryKey[], notify: () => void) {
      for (const queryKey of keys) stale.set(hashKey(queryKey), queryKey)
      told.push(notify)
      timer ??= setTimeout(() => flush({ invalidate: true }), LIVE_REFETCH_DELAY_MS)
    },
    /** Everything live is being refetched anyway (reset, reconnect): tell, skip the keys. */
    supersede: () => flush({ invalidate: false }),
    /** The stream closed: nothing more to refetch or tell. */
    cancel() {
      clearTimeout(timer)
      timer = undefined
      stale.clear()
      told = []
    },
  }
}

type RefetchBatch = ReturnType<typeof createRefetchBatch>

function dispatch<T extends DomainEventType>(queryClient: QueryClient, batch: RefetchBatch, type: T, event: MessageEvent<string>) {
  let payload: DomainEventPayload<T>
  try {
    payload = JSON.parse(event.data) as DomainEventPayload<T>
  } catch (error) {
    console.error(`Ignoring a malformed ${type} event`, error)
    return
  }
  // Decided now, against what is cached when the event arrives.
  const keys = invalidations[type](payload, queryClient)
  batch.add(keys, () => {
    for (const handler of handlers.get(type) ?? []) {
      // One failing subscriber must not keep the others from hearing the event.
      try {
        handler(payload, { type, id: event.lastEventId })
      } catch (error) {
        console.error(`A ${type} handler failed`, error)
      }
    }
  })
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
  const batch = createRefetchBatch(queryClient)

  const open = () => {
    const current = new EventSource(LIVE_EVENTS_URL)
    source = current
    current.addEventListener('open', () => {
      retryDelay = MIN_RETRY_MS
      setConnectionState('open')
      if (!interrupted) return
      interrupted = false
      batch.supersede()
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
      current.addEventListener(type, (event) => dispatch(queryClient, batch, type, event as MessageEvent<string>))
    }
    current.addEventListener('assistant_delta', (event) => dispatchDelta(event as MessageEvent<string>))
    // The server could not replay what was missed (too far behind, or a Last-Event-ID it
    // cannot place): it moved our Last-Event-ID to now, so everything cached may be stale.
    current.addEventListener('reset', () => {
      batch.supersede()
      void queryClient.invalidateQueries()
    })
    current.addEventListener('presence_changed', (event) => applyPresence(queryClient, event as MessageEvent<string>))
  }

  setConnectionState('connecting')
  open()
  return () => {
    clearTimeout(retryTimer)
    batch.cancel()
    source?.close()
    setConnectionState('connecting')
  }
}
