import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { sam } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { makeHandoff, minutesAgo } from '../testing/make-handoff.ts'
import { HandoffQueue } from './handoff-queue.tsx'

const PENDING = '/api/handoffs'

function renderQueue(pending: ReturnType<typeof makeHandoff>[]) {
  let current = pending
  mockFetch({ [`GET ${PENDING}`]: () => jsonResponse({ handoffs: current }) })
  const view = renderWithProviders(<HandoffQueue viewer={sam} />)
  return { ...view, setPending: (next: typeof pending) => (current = next) }
}

describe('HandoffQueue', () => {
  it('lists the escalations the senior can pick up, longest waiting first, each opening its pickup screen', async () => {
    renderQueue([
      makeHandoff({ id: 'h-new', session_id: 's-new', session_title: 'VPN drops', created_at: minutesAgo(2) }),
      makeHandoff({ id: 'h-old', session_id: 's-old', session_title: 'Printer offline', created_at: minutesAgo(30), target_user: { id: sam.id, name: sam.name } }),
      // Sam's own escalation is someone else's to pick up.
      makeHandoff({ id: 'h-own', session_title: 'Mine', handed_off_by: { id: sam.id, name: sam.name }, handed_off_by_name: sam.name }),
    ])
    const queue = await screen.findByRole('region', { name: /Waiting for pickup/ })
    expect(queue).toHaveAccessibleName('Waiting for pickup 2')
    const links = within(queue).getAllByRole('link')
    expect(links.map((link) => link.textContent)).toEqual([
      expect.stringContaining('Printer offline'),
      expect.stringContaining('VPN drops'),
    ])
    expect(links[0]).toHaveAttribute('href', '/chat/s-old?pickup=true')
    expect(links[0]).toHaveTextContent('Jamie Rivera · 30 min. ago')
    expect(links[0]).toHaveTextContent('For you')
    expect(links[1]).not.toHaveTextContent('For')
  })

  it('is absent while nothing waits, and appears when a live event refreshes the list', async () => {
    const { setPending, queryClient } = renderQueue([])
    await waitFor(() => expect(queryClient.getQueryState(queryKeys.handoffs.list({ status: 'pending' }))?.status).toBe('success'))
    expect(screen.queryByRole('region', { name: /Waiting for pickup/ })).not.toBeInTheDocument()

    setPending([makeHandoff({ session_title: 'Printer offline' })])
    // What lib/sse.ts does on handoff_created.
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.lists() }))
    expect(await screen.findByRole('link', { name: /Printer offline/ })).toBeInTheDocument()
  })
})
