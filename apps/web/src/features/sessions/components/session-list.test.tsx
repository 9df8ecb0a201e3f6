import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { makeSession } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { SessionList } from './session-list.tsx'

describe('SessionList', () => {
  it('lists sessions newest first, badges escalations (waiting, picked up, handed back) and highlights the open one', async () => {
    mockFetch({
      'GET /api/sessions': () =>
        jsonResponse({
          sessions: [
            makeSession({ id: 'a', title: 'Printer offline', last_activity_at: '2026-11-20T08:00:00Z' }),
            makeSession({ id: 'b', title: 'VPN drops', last_activity_at: '2026-11-20T10:00:00Z', handoff_status: 'pending' }),
            makeSession({ id: 'c', title: 'Mailbox full', last_activity_at: '2026-11-20T09:00:00Z', handoff_status: 'claimed' }),
            makeSession({ id: 'd', title: 'Scanner jams', last_activity_at: '2026-11-20T07:00:00Z', handoff_status: 'claimed', handoff_handed_back_at: '2026-11-20T07:00:00Z' }),
          ],
        }),
    })
    renderWithProviders(<SessionList />, { route: '/chat/c', path: '/chat/:sessionId' })

    const list = screen.getByTestId('session-list')
    const links = await within(list).findAllByRole('link')
    expect(links.map((link) => link.querySelector('.session-item__title')?.textContent)).toEqual([
      'VPN drops',
      'Mailbox full',
      'Printer offline',
      'Scanner jams',
    ])
    expect(links[0]).toHaveTextContent('Escalated')
    expect(links[1]).toHaveTextContent('Picked up')
    // Handed back: the session is its starter's again, not the senior's.
    expect(links[3]).toHaveTextContent('Handed back')
    expect(links[3]).not.toHaveTextContent('Picked up')
    expect(links[1]).toHaveAttribute('aria-current', 'page')
    expect(links[0]).toHaveAttribute('href', '/chat/b')
  })

  it('says so when there are no sessions yet', async () => {
    mockFetch({ 'GET /api/sessions': () => jsonResponse({ sessions: [] }) })
    renderWithProviders(<SessionList />)
    expect(await screen.findByText(/no sessions yet/i)).toBeInTheDocument()
  })
})
