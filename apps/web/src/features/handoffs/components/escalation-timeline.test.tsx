import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { makeHandoff } from '../testing/make-handoff.ts'
import { describeStep } from '../utils/describe-timeline.ts'
import { EscalationTimeline } from './escalation-timeline.tsx'

const clock = (iso: string) => iso.slice(11, 16)

describe('EscalationTimeline', () => {
  it('says who the escalation reached and when, step by step', () => {
    const handoff = {
      ...makeHandoff(),
      timeline: [
        { kind: 'sent' as const, at: '2026-12-02T14:02:00.000Z', to: [{ id: 'u-sam', name: 'Sam Patel' }] },
        { kind: 'renotified' as const, at: '2026-12-02T14:07:00.000Z', to: [{ id: 'u-sam', name: 'Sam Patel' }] },
        { kind: 'widened' as const, at: '2026-12-02T14:17:00.000Z', to: null },
        { kind: 'claimed' as const, at: '2026-12-02T14:20:00.000Z', to: [{ id: 'u-m', name: 'Morgan Lee' }] },
      ],
    }
    render(<EscalationTimeline handoff={handoff} />)
    const list = screen.getByRole('list', { name: 'Escalation timeline' })
    expect(list.querySelectorAll('li')).toHaveLength(4)
    expect(list.querySelector('time')).toHaveAttribute('datetime', '2026-12-02T14:02:00.000Z')
    expect(handoff.timeline.map((step, i) => describeStep(step, i, clock))).toEqual([
      'Sent to Sam at 14:02',
      're-sent 14:07',
      'sent to everyone 14:17',
      'picked up by Morgan 14:20',
    ])
  })

  it('renders nothing without a timeline (a server without the escalation policy)', () => {
    const { container } = render(<EscalationTimeline handoff={makeHandoff()} />)
    expect(container).toBeEmptyDOMElement()
  })

  it('names "all seniors" when the first send went to everyone', () => {
    expect(describeStep({ kind: 'sent', at: '2026-12-02T09:30:00.000Z', to: null }, 0, clock)).toBe('Sent to all seniors at 09:30')
  })
})
