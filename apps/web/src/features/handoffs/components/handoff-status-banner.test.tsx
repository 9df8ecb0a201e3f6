import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { makeHandoff, minutesAgo } from '../testing/make-handoff.ts'
import { HandoffStatusBanner } from './handoff-status-banner.tsx'

describe('HandoffStatusBanner', () => {
  it('says the session waits for a senior, then who picked it up, in one status region', () => {
    const { rerender } = render(<HandoffStatusBanner handoff={makeHandoff()} />)
    const status = screen.getByRole('status')
    expect(status).toHaveTextContent('Escalated · waiting for a senior')

    rerender(
      <HandoffStatusBanner
        handoff={makeHandoff({ status: 'claimed', claimed_by: { id: 'u-sam', name: 'Sam Patel' }, claimed_at: minutesAgo(1) })}
      />,
    )
    // The same element: a live region must stay in the page for the change to be announced.
    expect(screen.getByRole('status')).toBe(status)
    expect(status).toHaveTextContent(/Picked up by Sam Patel · 1 min\.? ago/)
  })

  it('is empty without a handoff', () => {
    render(<HandoffStatusBanner handoff={null} />)
    expect(screen.getByRole('status')).toBeEmptyDOMElement()
  })
})
