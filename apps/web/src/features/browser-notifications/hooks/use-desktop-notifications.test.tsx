import { screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { connectLiveEvents } from '../../../lib/sse.ts'
import { callsTo, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { useDesktopNotifications } from './use-desktop-notifications.ts'

/** The browser's EventSource, played by the test: it sends what the server would. */
class FakeEventSource extends EventTarget {
  static latest: FakeEventSource | null = null
  readyState = 1
  constructor(readonly url: string) {
    super()
    FakeEventSource.latest = this
  }
  close() {
    this.readyState = 2
  }
  emit(type: string, data: unknown, id = '7') {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id }))
  }
}

/** The Notification API with the permission granted; each construction is recorded. */
class RecordedNotification {
  static permission: NotificationPermission = 'granted'
  static created: RecordedNotification[] = []
  onclick: (() => void) | null = null
  closed = false
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    RecordedNotification.created.push(this)
  }
  close() {
    this.closed = true
  }
}

const escalation = {
  id: 'n1',
  kind: 'handoff_created',
  title: 'Jamie Rivera escalated a session',
  body: 'Printer offline',
  actor: { id: 'u-jamie', name: 'Jamie Rivera' },
  session_id: 's1',
  handoff_id: 'h1',
  link: '/chat/s1?pickup=true',
  read: false,
  created_at: '2026-12-02T10:00:00.000Z',
}

let hidden = true
function Probe() {
  useDesktopNotifications()
  return <p>Signed in</p>
}

function setUp(notifications: object[], preferences: object | null = { desktop: true, push: false, email: false }) {
  const fetchMock = mockFetch({
    'GET /api/notifications': () => jsonResponse({ notifications, unread: notifications.length }),
    'GET /api/me/preferences': () => (preferences ? jsonResponse(preferences) : errorResponse(404, 'NOT_FOUND', 'Route not found')),
    'POST /api/notifications/n1/read': () => new Response(null, { status: 204 }),
  })
  const view = renderWithProviders(<Probe />)
  const disconnect = connectLiveEvents(view.queryClient)
  return { ...view, fetchMock, disconnect }
}

beforeEach(() => {
  hidden = true
  RecordedNotification.created = []
  RecordedNotification.permission = 'granted'
  vi.stubGlobal('EventSource', FakeEventSource)
  vi.stubGlobal('Notification', RecordedNotification)
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => (hidden ? 'hidden' : 'visible'))
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('useDesktopNotifications', () => {
  it('raises one for a new escalation while the tab is hidden; its click opens the pickup screen', async () => {
    const { router, fetchMock, disconnect } = setUp([escalation])
    await screen.findByText('Signed in')
    FakeEventSource.latest!.emit('notification_created', { notification_id: 'n1', session_id: 's1' })
    await waitFor(() => expect(RecordedNotification.created).toHaveLength(1))
    const [raised] = RecordedNotification.created
    expect(raised!.title).toBe('Jamie Rivera escalated a session')
    expect(raised!.options).toMatchObject({ body: 'Printer offline', tag: 'handoff-h1' })

    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined)
    raised!.onclick!()
    expect(focus).toHaveBeenCalled()
    expect(raised!.closed).toBe(true)
    await waitFor(() => expect(router.state.location.pathname + router.state.location.search).toBe('/chat/s1?pickup=true'))
    await waitFor(() => expect(callsTo(fetchMock, 'POST', '/api/notifications/n1/read')).toHaveLength(1))
    disconnect()
  })

  it('raises nothing while the tab is visible: the bell says it already', async () => {
    hidden = false
    const { fetchMock, disconnect } = setUp([escalation])
    await screen.findByText('Signed in')
    FakeEventSource.latest!.emit('notification_created', { notification_id: 'n1', session_id: 's1' })
    await waitFor(() => expect(callsTo(fetchMock, 'GET', '/api/me/preferences')).toHaveLength(1))
    expect(callsTo(fetchMock, 'GET', '/api/notifications')).toHaveLength(0)
    expect(RecordedNotification.created).toHaveLength(0)
    disconnect()
  })

  it('raises nothing for a "picked up" notice, nor when the user turned desktop notifications off', async () => {
    const claimed = { ...escalation, kind: 'handoff_claimed' }
    const first = setUp([claimed])
    await screen.findByText('Signed in')
    FakeEventSource.latest!.emit('notification_created', { notification_id: 'n1', session_id: 's1' })
    await waitFor(() => expect(callsTo(first.fetchMock, 'GET', '/api/notifications')).toHaveLength(1))
    first.disconnect()
    first.unmount()

    const second = setUp([escalation], { desktop: false, push: true, email: true })
    await waitFor(() => expect(second.queryClient.getQueryData(['preferences'])).toMatchObject({ desktop: false }))
    FakeEventSource.latest!.emit('notification_created', { notification_id: 'n1', session_id: 's1' })
    expect(callsTo(second.fetchMock, 'GET', '/api/notifications')).toHaveLength(0)
    expect(RecordedNotification.created).toHaveLength(0)
    second.disconnect()
  })

  it('without the permission, asks for nothing and raises nothing', async () => {
    RecordedNotification.permission = 'default'
    const requestPermission = vi.fn()
    Object.assign(RecordedNotification, { requestPermission })
    const { fetchMock, disconnect } = setUp([escalation], null)
    await screen.findByText('Signed in')
    FakeEventSource.latest!.emit('notification_created', { notification_id: 'n1', session_id: 's1' })
    await waitFor(() => expect(callsTo(fetchMock, 'GET', '/api/me/preferences')).toHaveLength(1))
    expect(requestPermission).not.toHaveBeenCalled()
    expect(RecordedNotification.created).toHaveLength(0)
    disconnect()
  })
})
