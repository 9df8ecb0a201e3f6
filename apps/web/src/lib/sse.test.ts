import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { Notification } from '@resolutionflow/shared/notifications.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { QueryObserver, type QueryClient, type QueryKey, type QueryObserverOptions } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { getMeQueryOptions } from '../features/auth/api/get-me.ts'
import { getSessionQueryOptions } from '../features/chat/api/get-session.ts'
import { getPendingHandoffsQueryOptions } from '../features/handoffs/api/get-pending-handoffs.ts'
import { makeHandoff } from '../features/handoffs/testing/make-handoff.ts'
import { getNotificationsQueryOptions } from '../features/notifications/api/get-notifications.ts'
import { getSessionsQueryOptions } from '../features/sessions/api/get-sessions.ts'
import { callsTo, jsonResponse, mockFetch } from '../testing/fake-api.ts'
import { makeNotification, makeSession, sam } from '../testing/fixtures.ts'
import { createTestQueryClient } from '../testing/render.tsx'
import { queryKeys } from './query-keys.ts'
import { connectLiveEvents, LIVE_REFETCH_DELAY_MS, onLiveEvent } from './sse.ts'
import { LIST_PAGES } from '@resolutionflow/shared/list-pages.ts'

/** Stands in for the browser's EventSource: the test plays the server. */
class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = []
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  readyState = FakeEventSource.CONNECTING
  constructor(readonly url: string) {
    super()
    FakeEventSource.instances.push(this)
  }
  close() {
    this.readyState = FakeEventSource.CLOSED
  }
  open() {
    this.readyState = FakeEventSource.OPEN
    this.dispatchEvent(new Event('open'))
  }
  emit(type: string, data: unknown, id = '1') {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id }))
  }
  fail(closed = false) {
    this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING
    this.dispatchEvent(new Event('error'))
  }
}

const latest = () => FakeEventSource.instances.at(-1)!


/** What the fake server answers; a test changes it to play what an event changed. */
let server: { sessions: Session[]; pending: HandoffResponse[]; notifications: Notification[] }
let fetchMock: ReturnType<typeof mockFetch>
let queryClient: QueryClient
let disconnect: () => void
let unmount: Array<() => void>

/** How many times the tab read `path` (GET) so far. */
const reads = (path: string) => callsTo(fetchMock, 'GET', path).length

/**
 * Puts a query on screen (an observer, as a mounted component has) and waits for its data.
 * Returns the function that takes it off screen.
 */
async function show(options: { queryKey: QueryKey }) {
  const observer = new QueryObserver(queryClient, options as QueryObserverOptions)
  const off = observer.subscribe(() => undefined)
  unmount.push(off)
  await vi.waitFor(() => expect(queryClient.getQueryState(options.queryKey)?.status).toBe('success'))
  return off
}

/** The burst window passes and the refetches it started are answered. */
async function afterBurst() {
  await vi.advanceTimersByTimeAsync(LIVE_REFETCH_DELAY_MS)
  await vi.waitFor(() => expect(queryClient.isFetching()).toBe(0))
}

const showSidebar = () => show(getSessionsQueryOptions())
const showQueue = () => show(getPendingHandoffsQueryOptions())
const showBell = () => show(getNotificationsQueryOptions())
const claimed = (by: { id: string; name: string }, ids = { handoff_id: 'h9', session_id: 's9' }) => ({
  ...ids,
  claimed_by: by,
  claim_option: 'own',
})

beforeEach(async () => {
  vi.useFakeTimers()
  FakeEventSource.instances = []
  vi.stubGlobal('EventSource', FakeEventSource)
  server = { sessions: [makeSession({ id: 's1' })], pending: [makeHandoff({ id: 'h1', session_id: 's1' })], notifications: [] }
  fetchMock = mockFetch({
    'GET /api/me': () => jsonResponse({ user: sam }),
    'GET /api/sessions': () => jsonResponse({ sessions: server.sessions }),
    'GET /api/sessions/s1': () => jsonResponse({ session: server.sessions[0], messages: [], task_lane: [], handoff: null }),
    'GET /api/handoffs': () => jsonResponse({ handoffs: server.pending }),
    'GET /api/notifications': () => jsonResponse({ notifications: server.notifications, unread: 0 }),
  })
  queryClient = createTestQueryClient()
  unmount = []
  await show(getMeQueryOptions())
  disconnect = connectLiveEvents(queryClient)
  latest().open()
})

afterEach(() => {
  disconnect()
  for (const off of unmount) off()
  vi.useRealTimers()
})

describe('live events: what the sidebar refetches', () => {
  it('does not refetch the sidebar for a session it does not show', async () => {
    await showSidebar()
    latest().emit('message_created', { session_id: 's2', message_id: 'm1' })
    latest().emit('handoff_created', { handoff_id: 'h2', session_id: 's2' })
    await afterBurst()
    expect(reads('/api/sessions')).toBe(1)
  })

  it('refetches the sidebar for a session it shows', async () => {
    await showSidebar()
    latest().emit('message_created', { session_id: 's1', message_id: 'm1' })
    await afterBurst()
    expect(reads('/api/sessions')).toBe(2)
  })

  it('refetches the sidebar for a claim by me (it adds the session), not for a colleague\'s claim of another session', async () => {
    await showSidebar()
    latest().emit('handoff_claimed', claimed({ id: 'u-morgan', name: 'Morgan Lee' }))
    await afterBurst()
    expect(reads('/api/sessions')).toBe(1)

    server.sessions = [makeSession({ id: 's9' }), ...server.sessions]
    latest().emit('handoff_claimed', claimed({ id: sam.id, name: sam.name }))
    await afterBurst()
    expect(reads('/api/sessions')).toBe(2)
    expect(queryClient.getQueryData<Session[]>(queryKeys.sessions.list())?.map((s) => s.id)).toEqual(['s9', 's1'])
  })

  it('refetches the sidebar for my message in a session it does not show yet (one I started elsewhere), not for a colleague\'s', async () => {
    await showSidebar()
    latest().emit('message_created', { session_id: 's7', message_id: 'm1', author_id: 'u-morgan' })
    latest().emit('message_created', { session_id: 's7', message_id: 'm2', author_id: null })
    await afterBurst()
    expect(reads('/api/sessions')).toBe(1)

    server.sessions = [makeSession({ id: 's8' }), ...server.sessions]
    latest().emit('message_created', { session_id: 's8', message_id: 'm3', author_id: sam.id })
    await afterBurst()
    expect(reads('/api/sessions')).toBe(2)
    expect(queryClient.getQueryData<Session[]>(queryKeys.sessions.list())?.map((s) => s.id)).toEqual(['s8', 's1'])
  })

  it('refetches a full sidebar (the server sends LIST_PAGES.sessions) for any session, which may move into it', async () => {
    server.sessions = Array.from({ length: LIST_PAGES.sessions }, (_, i) => makeSession({ id: `s${i + 1}` }))
    await showSidebar()
    latest().emit('message_created', { session_id: 's500', message_id: 'm1' })
    await afterBurst()
    expect(reads('/api/sessions')).toBe(2)
  })

  it('only marks a list that is not on screen stale; it refetches when shown again', async () => {
    const hide = await showSidebar()
    hide()
    latest().emit('message_created', { session_id: 's1', message_id: 'm1' })
    await afterBurst()
    expect(reads('/api/sessions')).toBe(1)
    expect(queryClient.getQueryState(queryKeys.sessions.list())?.isInvalidated).toBe(true)

    await showSidebar()
    await vi.waitFor(() => expect(reads('/api/sessions')).toBe(2))
  })
})

describe('live events: the queue, the bell and a session on screen', () => {
  it('refetches the queue for a new escalation, drops a claimed one in place, and leaves it for an assessment or a handoff it does not show', async () => {
    await showQueue()
    server.pending = [...server.pending, makeHandoff({ id: 'h2', session_id: 's2' })]
    latest().emit('handoff_created', { handoff_id: 'h2', session_id: 's2' })
    await afterBurst()
    expect(reads('/api/handoffs')).toBe(2)

    latest().emit('handoff_claimed', claimed({ id: 'u-morgan', name: 'Morgan Lee' }, { handoff_id: 'h1', session_id: 's1' }))
    latest().emit('handoff_widened', { handoff_id: 'h7', session_id: 's7' })
    // The queue shows no assessment: one ready for a handoff it shows changes nothing there.
    latest().emit('handoff_assessment_ready', { handoff_id: 'h2', session_id: 's2', assessment_status: 'ready' })
    await afterBurst()
    expect(reads('/api/handoffs')).toBe(2)
    expect(queryClient.getQueryData<HandoffResponse[]>(queryKeys.handoffs.list({ status: 'pending' }))?.map((h) => h.id)).toEqual(['h2'])
  })

  it('refetches the bell for a claim of a handoff it shows a notification of, which the claim settles', async () => {
    server.notifications = [makeNotification({ handoff_id: 'h1' })]
    await showBell()
    latest().emit('handoff_claimed', claimed({ id: 'u-morgan', name: 'Morgan Lee' }, { handoff_id: 'h5', session_id: 's5' }))
    await afterBurst()
    expect(reads('/api/notifications')).toBe(1)
    latest().emit('handoff_claimed', claimed({ id: 'u-morgan', name: 'Morgan Lee' }, { handoff_id: 'h1', session_id: 's1' }))
    await afterBurst()
    expect(reads('/api/notifications')).toBe(2)
  })

  it('refetches the bell for a cancel only when it shows a notification of that handoff', async () => {
    server.notifications = [makeNotification({ handoff_id: 'h1' })]
    await showBell()
    const cancelled = (handoffId: string) => ({ handoff_id: handoffId, session_id: 's1', cancelled_by: { id: 'u-jamie', name: 'Jamie Rivera' } })
    latest().emit('handoff_cancelled', cancelled('h5'))
    await afterBurst()
    expect(reads('/api/notifications')).toBe(1)
    latest().emit('handoff_cancelled', cancelled('h1'))
    await afterBurst()
    expect(reads('/api/notifications')).toBe(2)
  })

  it("refetches an open session's detail for its own events only", async () => {
    await show(getSessionQueryOptions('s1'))
    latest().emit('task_lane_updated', { session_id: 's2' })
    await afterBurst()
    expect(reads('/api/sessions/s1')).toBe(1)
    latest().emit('task_lane_updated', { session_id: 's1' })
    await afterBurst()
    expect(reads('/api/sessions/s1')).toBe(2)
  })

  it('makes one refetch per key of a burst of 10 events', async () => {
    await Promise.all([showSidebar(), showQueue(), showBell()])
    for (let i = 0; i < 4; i += 1) latest().emit('message_created', { session_id: 's1', message_id: `m${i}` })
    for (let i = 0; i < 3; i += 1) latest().emit('handoff_widened', { handoff_id: 'h1', session_id: 's1' })
    for (let i = 0; i < 3; i += 1) latest().emit('notification_created', { notification_id: `n${i}`, session_id: 's1' })
    // Nothing is fetched while the burst lasts.
    expect([reads('/api/sessions'), reads('/api/handoffs'), reads('/api/notifications')]).toEqual([1, 1, 1])
    await afterBurst()
    expect([reads('/api/sessions'), reads('/api/handoffs'), reads('/api/notifications')]).toEqual([2, 2, 2])
  })
})

describe('live events: the stream', () => {
  it('opens one stream on /api/events', () => {
    expect(FakeEventSource.instances).toHaveLength(1)
    expect(latest().url).toBe('/api/events')
  })

  it('refetches everything at once on reset (the server could not replay what was missed), the burst before it included', async () => {
    await Promise.all([showSidebar(), showQueue()])
    latest().emit('message_created', { session_id: 's1', message_id: 'm1' })
    latest().emit('reset', { reason: 'too_far_behind' }, '42')
    expect([reads('/api/sessions'), reads('/api/handoffs'), reads('/api/me')]).toEqual([2, 2, 2])
    await afterBurst()
    expect([reads('/api/sessions'), reads('/api/handoffs')]).toEqual([2, 2])
  })

  it('refetches everything live after the browser reconnects, since events may have been missed', async () => {
    await Promise.all([showSidebar(), showQueue(), showBell()])
    latest().fail()
    latest().open()
    expect([reads('/api/sessions'), reads('/api/handoffs'), reads('/api/notifications')]).toEqual([2, 2, 2])
    // Who is signed in is not live data.
    expect(reads('/api/me')).toBe(1)
  })

  it('tells subscribers about their event type, with the payload, after its refetches started, until they unsubscribe', async () => {
    await showSidebar()
    // How many sidebar reads had started when the subscriber heard the event.
    const heard: number[] = []
    const unsubscribe = onLiveEvent('message_created', () => {
      heard.push(reads('/api/sessions'))
    })
    const onClaimed = vi.fn()
    const unsubscribeClaimed = onLiveEvent('handoff_claimed', onClaimed)
    const payload = claimed({ id: 'u-morgan', name: 'Morgan Lee' })
    latest().emit('message_created', { session_id: 's1', message_id: 'm1' }, '42')
    latest().emit('handoff_claimed', payload, '43')
    await afterBurst()
    unsubscribeClaimed()
    unsubscribe()
    latest().emit('handoff_claimed', payload, '44')
    await afterBurst()
    expect(heard).toEqual([2])
    expect(onClaimed).toHaveBeenCalledExactlyOnceWith(payload, { type: 'handoff_claimed', id: '43' })
  })

  it("replaces one handoff's viewers in the cached presence list on presence_changed, with no refetch", async () => {
    const morgan = { id: 'u-morgan', name: 'Morgan Lee' }
    queryClient.setQueryData(queryKeys.presence, { presence: [{ handoff_id: 'h1', viewers: [sam] }, { handoff_id: 'h2', viewers: [sam] }] })
    latest().emit('presence_changed', { handoff_id: 'h1', viewers: [sam, morgan] }, '')
    latest().emit('presence_changed', { handoff_id: 'h2', viewers: [] }, '')
    await afterBurst()
    expect(queryClient.getQueryData(queryKeys.presence)).toEqual({ presence: [{ handoff_id: 'h1', viewers: [sam, morgan] }] })
    expect(reads('/api/presence')).toBe(0)
  })

  it('reopens a stream the server closed for good, and rechecks the session', async () => {
    latest().fail(true)
    expect(reads('/api/me')).toBe(2)
    expect(FakeEventSource.instances).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(FakeEventSource.instances).toHaveLength(2)
  })

  it('closes the stream when disconnected, and refetches nothing of a burst left', async () => {
    await showSidebar()
    const source = latest()
    source.emit('message_created', { session_id: 's1', message_id: 'm1' })
    disconnect()
    expect(source.readyState).toBe(FakeEventSource.CLOSED)
    await afterBurst()
    expect(reads('/api/sessions')).toBe(1)
  })
})
