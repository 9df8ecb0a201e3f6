import type { Notification, NotificationsResponse } from '@resolutionflow/shared/notifications.ts'
import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { callsTo, deferred, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { makeNotification } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { NotificationBell } from './notification-bell.tsx'

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()


const inbox: NotificationsResponse = {
  notifications: [
    makeNotification(),
    makeNotification({
      id: 'n2',
      title: 'Alex Kim escalated a session',
      body: 'Printer offline on floor 3',
      actor: { id: 'u-alex', name: 'Alex Kim' },
      session_id: 's2',
      link: '/chat/s2?pickup=true',
      read: true,
      created_at: minutesAgo(180),
    }),
  ],
  unread: 1,
}

function renderBell(initial: NotificationsResponse | Promise<Response> = inbox) {
  let current = initial
  const fetchMock = mockFetch({
    'GET /api/notifications': () => (current instanceof Promise ? current : jsonResponse(current)),
    'POST /api/notifications/n1/read': () => new Response(null, { status: 204 }),
    'POST /api/notifications/read-all': () => new Response(null, { status: 204 }),
  })
  const view = renderWithProviders(<NotificationBell />, { route: '/chat/s9', path: '/chat/:sessionId' })
  return {
    ...view,
    fetchMock,
    setServer: (next: NotificationsResponse) => {
      current = next
    },
    bell: () => screen.getByRole('button', { name: /^Notifications/ }),
  }
}

describe('NotificationBell', () => {
  it('names the unread count on the bell', async () => {
    const { bell } = renderBell()
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBe(bell())
    expect(bell()).toHaveAttribute('aria-expanded', 'false')
  })

  it('updates the count live when a notification arrives', async () => {
    const { queryClient, setServer } = renderBell()
    await screen.findByRole('button', { name: 'Notifications, 1 unread' })

    setServer({ notifications: [makeNotification({ id: 'n3' }), ...inbox.notifications], unread: 2 })
    // What lib/sse.ts does on `notification_created`.
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all }))

    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument()
  })

  it('lists who, which session and how long ago, unread first in emphasis', async () => {
    const { user, bell } = renderBell()
    await screen.findByRole('button', { name: 'Notifications, 1 unread' })
    await user.click(bell())

    const panel = screen.getByRole('dialog', { name: 'Notifications' })
    expect(bell()).toHaveAttribute('aria-expanded', 'true')
    const [unread, read] = within(panel).getAllByRole('button', { name: /escalated a session/ })
    expect(unread).toHaveAccessibleName(/^Unread: Jamie Rivera escalated a session Outlook keeps asking for a password Jamie Rivera · 2 min\.? ago$/)
    expect(unread).toHaveClass('rf-notification--unread')
    expect(read).toHaveAccessibleName(/^Alex Kim escalated a session Printer offline on floor 3 Alex Kim · 3 hr\.? ago$/)
    expect(read).not.toHaveClass('rf-notification--unread')
  })

  it('opening one marks it read and goes to its link', async () => {
    const { user, bell, fetchMock, router } = renderBell()
    await screen.findByRole('button', { name: 'Notifications, 1 unread' })
    await user.click(bell())
    await user.click(screen.getByRole('button', { name: /Jamie Rivera escalated a session/ }))

    expect(callsTo(fetchMock, 'POST', '/api/notifications/n1/read')).toHaveLength(1)
    expect(router.state.location.pathname).toBe('/chat/s1')
    expect(router.state.location.search).toBe('?pickup=true')
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument()
  })

  it('"Mark all read" clears the count', async () => {
    const { user, bell, fetchMock, setServer } = renderBell()
    await screen.findByRole('button', { name: 'Notifications, 1 unread' })
    await user.click(bell())
    setServer({ notifications: inbox.notifications.map((n) => ({ ...n, read: true })), unread: 0 })
    await user.click(screen.getByRole('button', { name: 'Mark all read' }))

    expect(callsTo(fetchMock, 'POST', '/api/notifications/read-all')).toHaveLength(1)
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications'))
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled()
    expect(screen.getByRole('button', { name: /Jamie Rivera escalated/ })).not.toHaveClass('rf-notification--unread')
  })

  it('says so when there are none yet', async () => {
    const { user, bell } = renderBell({ notifications: [], unread: 0 })
    await waitFor(() => expect(screen.getByRole('button', { name: 'Notifications' })).toBeInTheDocument())
    await user.click(bell())
    expect(await screen.findByText('No notifications yet')).toBeInTheDocument()
  })

  it('shows a loading state until the list arrives', async () => {
    const answer = deferred<Response>()
    const { user, bell } = renderBell(answer.promise)
    await user.click(bell())
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent('Loading notifications')
    await act(async () => answer.resolve(jsonResponse(inbox)))
    expect(await screen.findByRole('button', { name: /Jamie Rivera escalated/ })).toBeInTheDocument()
  })

  it('moves through the list with the arrow keys, and Esc closes and returns focus to the bell', async () => {
    const { user, bell } = renderBell()
    await screen.findByRole('button', { name: 'Notifications, 1 unread' })
    await user.click(bell())
    const [first, second] = screen.getAllByRole('button', { name: /escalated a session/ })

    await user.keyboard('{ArrowDown}')
    expect(first).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(second).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(first).toHaveFocus()
    await user.keyboard('{ArrowUp}')
    expect(second).toHaveFocus()

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument()
    expect(bell()).toHaveFocus()
  })
})
