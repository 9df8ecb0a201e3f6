import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { queryKeys } from './query-keys.ts'
import { connectLiveEvents, onLiveEvent } from './sse.ts'

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
const invalidatedKeys = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map(([filters]) => (filters as { queryKey: unknown }).queryKey)

let queryClient: QueryClient
let invalidate: { mock: { calls: unknown[][] } }
let disconnect: () => void

beforeEach(() => {
  FakeEventSource.instances = []
  vi.stubGlobal('EventSource', FakeEventSource)
  queryClient = new QueryClient()
  invalidate = vi.spyOn(queryClient, 'invalidateQueries')
  disconnect = connectLiveEvents(queryClient)
})

afterEach(() => {
  disconnect()
  vi.useRealTimers()
})

describe('live events', () => {
  it('refetches everything on reset (the server could not replay what was missed)', () => {
    latest().open()
    latest().emit('reset', { reason: 'too_far_behind' }, '42')
    // No filter: every query, not only the live ones.
    expect(invalidate.mock.calls).toEqual([[]])
  })

  it('opens one stream on /api/events', () => {
    expect(FakeEventSource.instances).toHaveLength(1)
    expect(latest().url).toBe('/api/events')
  })

  it("refreshes a session's detail and the sidebar when a message or the task lane changes", () => {
    latest().open()
    latest().emit('message_created', { session_id: 's1', message_id: 'm1' })
    latest().emit('task_lane_updated', { session_id: 's2' })
    expect(invalidatedKeys(invalidate)).toEqual([
      queryKeys.sessions.detail('s1'),
      queryKeys.sessions.list(),
      queryKeys.sessions.detail('s2'),
      queryKeys.sessions.list(),
    ])
  })

  it('refreshes the session, the handoff, the handoff lists and the team metrics on handoff events; notifications on theirs', () => {
    latest().emit('handoff_claimed', {
      handoff_id: 'h1',
      session_id: 's1',
      claimed_by: { id: 'u-sam', name: 'Sam Patel' },
      claim_option: 'own',
    })
    latest().emit('notification_created', { notification_id: 'n1', session_id: 's1' })
    expect(invalidatedKeys(invalidate)).toEqual([
      queryKeys.sessions.detail('s1'),
      queryKeys.sessions.list(),
      queryKeys.handoffs.detail('h1'),
      queryKeys.handoffs.lists(),
      queryKeys.metrics.all,
      queryKeys.notifications.all,
    ])
  })

  it('tells subscribers about their event type, with the payload, until they unsubscribe', () => {
    const onClaimed = vi.fn()
    const unsubscribe = onLiveEvent('handoff_claimed', onClaimed)
    const payload = { handoff_id: 'h1', session_id: 's1', claimed_by: { id: 'u', name: 'Sam Patel' }, claim_option: 'own' }
    latest().emit('handoff_created', { handoff_id: 'h1', session_id: 's1' })
    latest().emit('handoff_claimed', payload, '42')
    unsubscribe()
    latest().emit('handoff_claimed', payload, '43')
    expect(onClaimed).toHaveBeenCalledExactlyOnceWith(payload, { type: 'handoff_claimed', id: '42' })
  })

  it('refetches everything live after the browser reconnects, since events may have been missed', () => {
    latest().open()
    expect(invalidate).not.toHaveBeenCalled()
    latest().fail()
    latest().open()
    expect(invalidatedKeys(invalidate)).toEqual([
      queryKeys.sessions.all,
      queryKeys.handoffs.all,
      queryKeys.notifications.all,
      queryKeys.metrics.all,
      queryKeys.presence,
    ])
  })

  it('replaces one handoff\'s viewers in the cached presence list on presence_changed, with no refetch', () => {
    const sam = { id: 'u-sam', name: 'Sam Patel' }
    const morgan = { id: 'u-morgan', name: 'Morgan Lee' }
    queryClient.setQueryData(queryKeys.presence, { presence: [{ handoff_id: 'h1', viewers: [sam] }, { handoff_id: 'h2', viewers: [sam] }] })
    latest().emit('presence_changed', { handoff_id: 'h1', viewers: [sam, morgan] }, '')
    latest().emit('presence_changed', { handoff_id: 'h2', viewers: [] }, '')
    expect(queryClient.getQueryData(queryKeys.presence)).toEqual({ presence: [{ handoff_id: 'h1', viewers: [sam, morgan] }] })
    expect(invalidate).not.toHaveBeenCalled()
  })

  it('reopens a stream the server closed for good, and rechecks the session', () => {
    vi.useFakeTimers()
    latest().fail(true)
    expect(invalidatedKeys(invalidate)).toEqual([queryKeys.me])
    expect(FakeEventSource.instances).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    expect(FakeEventSource.instances).toHaveLength(2)
  })

  it('closes the stream when disconnected', () => {
    const source = latest()
    disconnect()
    expect(source.readyState).toBe(FakeEventSource.CLOSED)
  })
})
