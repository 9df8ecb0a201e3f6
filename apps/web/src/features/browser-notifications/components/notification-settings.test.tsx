import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { callsTo, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { DesktopNotificationsToggle } from './desktop-notifications-toggle.tsx'
import { NotificationPreferencesForm } from './notification-preferences-form.tsx'
import { PushSubscriptions } from './push-subscriptions.tsx'

/** A Notification API whose permission the test decides, and which records being asked. */
function stubNotificationApi(initial: NotificationPermission, answer: NotificationPermission) {
  let permission = initial
  const requestPermission = vi.fn(async () => (permission = answer))
  vi.stubGlobal('Notification', Object.assign(function Notification() {}, { get permission() { return permission }, requestPermission }))
  return requestPermission
}

afterEach(() => vi.unstubAllGlobals())

describe('NotificationPreferencesForm', () => {
  it('shows each channel from the server and saves a toggle', async () => {
    let saved = { desktop: true, push: false, email: true }
    const fetchMock = mockFetch({
      'GET /api/me/preferences': () => jsonResponse({ preferences: saved }),
      'PATCH /api/me/preferences': (req) => jsonResponse({ preferences: (saved = { ...saved, ...(req.json() as object) }) }),
    })
    const { user } = renderWithProviders(<NotificationPreferencesForm />)
    const push = await screen.findByRole('switch', { name: /Push notifications/ })
    await waitFor(() => expect(push).toBeEnabled())
    expect(push).not.toBeChecked()
    expect(screen.getByRole('switch', { name: /Desktop notifications/ })).toBeChecked()
    expect(screen.getByRole('switch', { name: /E-mail/ })).toBeChecked()

    await user.click(push)
    await waitFor(() => expect(push).toBeChecked())
    expect(callsTo(fetchMock, 'PATCH', '/api/me/preferences').map((c) => c.body)).toEqual([{ push: true }])
  })

  it('says so when the server has no preferences yet, instead of failing', async () => {
    mockFetch({ 'GET /api/me/preferences': () => errorResponse(404, 'NOT_FOUND', 'Route not found') })
    renderWithProviders(<NotificationPreferencesForm />)
    expect(await screen.findByText(/not available on this server yet/)).toBeInTheDocument()
    expect(screen.getByRole('switch', { name: /E-mail/ })).toBeDisabled()
  })
})

describe('DesktopNotificationsToggle', () => {
  it('asks for the permission only when the button is pressed', async () => {
    const requestPermission = stubNotificationApi('default', 'granted')
    const { user } = renderWithProviders(<DesktopNotificationsToggle />)
    expect(requestPermission).not.toHaveBeenCalled()
    await user.click(screen.getByRole('button', { name: 'Turn on desktop notifications' }))
    expect(requestPermission).toHaveBeenCalledTimes(1)
    expect(await screen.findByText('Desktop notifications are on in this browser.')).toBeInTheDocument()
  })

  it('explains a refusal, which only the browser settings can undo', async () => {
    stubNotificationApi('denied', 'denied')
    renderWithProviders(<DesktopNotificationsToggle />)
    expect(screen.getByText(/blocked for this site/)).toBeInTheDocument()
    expect(screen.queryByRole('button')).not.toBeInTheDocument()
  })
})

describe('PushSubscriptions', () => {
  it('lists the subscribed browsers and removes one', async () => {
    let subscriptions = [
      { id: 'p1', endpoint: 'https://fcm.googleapis.com/fcm/send/abc', user_agent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0', created_at: '2026-11-30T10:00:00.000Z' },
      { id: 'p2', endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/x', user_agent: null, created_at: '2026-12-01T10:00:00.000Z' },
    ]
    const fetchMock = mockFetch({
      'GET /api/push/subscriptions': () => jsonResponse({ subscriptions }),
      'DELETE /api/push/subscriptions/p1': () => {
        subscriptions = subscriptions.filter((s) => s.id !== 'p1')
        return new Response(null, { status: 204 })
      },
    })
    const { user } = renderWithProviders(<PushSubscriptions />)
    const list = await screen.findByRole('list', { name: 'Subscribed browsers' })
    expect(list).toHaveTextContent('Chrome on Windows')
    expect(list).toHaveTextContent('Browser via updates.push.services.mozilla.com')
    // jsdom has no service worker or Push API: the page says so rather than offering a button that fails.
    expect(screen.getByText(/does not support push notifications/)).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Remove Chrome on Windows' }))
    await waitFor(() => expect(list).not.toHaveTextContent('Chrome on Windows'))
    expect(callsTo(fetchMock, 'DELETE', '/api/push/subscriptions/p1')).toHaveLength(1)
  })
})
