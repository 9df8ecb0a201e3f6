import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { jamie } from '../../../testing/fixtures.ts'
import { makeHandoff, minutesAgo } from '../testing/make-handoff.ts'
import { HandoffStatusBanner } from './handoff-status-banner.tsx'

/** The units the line wraps in, as they read. */
const partsOf = (element: HTMLElement) => [...element.querySelectorAll('.status-parts__part')].map((part) => part.textContent)

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

  it('wraps in whole parts, each carrying the separator to the next, and puts the declines on a line of their own', () => {
    render(
      <HandoffStatusBanner
        handoff={makeHandoff({
          target_user: { id: 'u-sam', name: 'Sam Patel' },
          created_at: minutesAgo(15),
          declines: [{ user: { id: 'u-sam', name: 'Sam Patel' }, reason: 'busy', note: 'On site all day', created_at: minutesAgo(3) }],
        })}
      />,
    )
    const status = screen.getByRole('status')
    // A narrow screen breaks between these boxes, never before a lone "·".
    expect(partsOf(status)).toEqual(['Escalated ·', 'waiting for a senior ·', 'sent to Sam Patel ·', expect.stringMatching(/^15 min\.? ago$/)])
    // Not run on after the time: the declines are their own block (a line of their own, escalation-loop.css).
    expect(screen.getByTestId('handoff-declines').closest('.status-parts')).toBeNull()
    expect(screen.getByTestId('handoff-declines')).toHaveTextContent('Sam Patel declined: Busy (On site all day)')
  })

  it("joins a note with a colon attached to the part before it, as in a cancel's", () => {
    render(
      <HandoffStatusBanner
        handoff={makeHandoff({ status: 'cancelled', cancelled_by: { id: jamie.id, name: jamie.name }, cancel_note: 'Power-cycled the switch' })}
      />,
    )
    expect(partsOf(screen.getByRole('status'))).toEqual(['Escalation cancelled by Jamie Rivera:', 'Power-cycled the switch'])
    expect(screen.getByRole('status')).toHaveTextContent(/^Escalation cancelled by Jamie Rivera: Power-cycled the switch$/)
  })

  it('is empty without a handoff', () => {
    render(<HandoffStatusBanner handoff={null} />)
    expect(screen.getByRole('status')).toBeEmptyDOMElement()
  })
})
