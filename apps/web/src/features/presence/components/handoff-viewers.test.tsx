import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { describeViewers } from '../utils/describe-viewers.ts'
import { HandoffViewers } from './handoff-viewers.tsx'

const sam = { id: 'u-sam', name: 'Sam Patel' }
const morgan = { id: 'u-morgan', name: 'Morgan Lee' }

describe('HandoffViewers', () => {
  it('names who else is looking, never the viewer, and follows the live list', async () => {
    mockFetch({ 'GET /api/presence': () => jsonResponse({ presence: [{ handoff_id: 'h1', viewers: [sam, morgan] }] }) })
    const { queryClient } = renderWithProviders(<HandoffViewers handoffId="h1" viewerId={sam.id} variant="banner" />)
    expect(await screen.findByText('Morgan is looking at this')).toHaveAttribute('title', 'Morgan Lee')

    // What lib/sse.ts does with presence_changed: the handoff's entry is replaced.
    act(() => queryClient.setQueryData(queryKeys.presence, { presence: [{ handoff_id: 'h1', viewers: [sam] }] }))
    await waitFor(() => expect(screen.getByTestId('handoff-viewers')).toBeEmptyDOMElement())
  })

  it("shows nothing for a handoff nobody is looking at", async () => {
    mockFetch({ 'GET /api/presence': () => jsonResponse({ presence: [{ handoff_id: 'other', viewers: [morgan] }] }) })
    const { queryClient } = renderWithProviders(<HandoffViewers handoffId="h1" viewerId={sam.id} />)
    await vi.waitFor(() => expect(queryClient.getQueryState(queryKeys.presence)?.status).toBe('success'))
    expect(screen.getByTestId('handoff-viewers')).toBeEmptyDOMElement()
  })
})

describe('describeViewers', () => {
  it('reads as a sentence for one, two and many viewers', () => {
    expect(describeViewers([])).toBeNull()
    expect(describeViewers([morgan])).toBe('Morgan is looking at this')
    expect(describeViewers([morgan, sam])).toBe('Morgan and Sam are looking at this')
    expect(describeViewers([morgan, sam, { name: 'Jo Ng' }])).toBe('Morgan, Sam and 1 other are looking at this')
    expect(describeViewers([morgan, sam, { name: 'Jo Ng' }, { name: 'Al' }])).toBe('Morgan, Sam and 2 others are looking at this')
  })
})
