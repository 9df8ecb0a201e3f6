import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { makeSession, sam } from '../../../testing/fixtures.ts'
import { ResolutionBanner } from './resolution-banner.tsx'

describe('ResolutionBanner', () => {
  it('says who resolved it, what fixed it and the root cause, in parts that wrap whole with their separators', () => {
    render(
      <ResolutionBanner
        session={makeSession({
          status: 'resolved',
          resolved_by: { id: sam.id, name: sam.name },
          resolution_note: 'Printer needed a firmware reboot',
          root_cause: 'network',
        })}
      />,
    )
    const banner = screen.getByTestId('resolution-banner')
    expect(banner).toHaveTextContent(/^Resolved by Sam Patel: Printer needed a firmware reboot · Network$/)
    expect([...banner.querySelectorAll('.status-parts__part')].map((part) => part.textContent)).toEqual([
      'Resolved by Sam Patel:',
      'Printer needed a firmware reboot ·',
      'Network',
    ])
  })

  it('is not there while the session is open', () => {
    render(<ResolutionBanner session={makeSession()} />)
    expect(screen.queryByTestId('resolution-banner')).not.toBeInTheDocument()
  })
})
