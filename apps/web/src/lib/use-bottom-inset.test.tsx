import { render } from '@testing-library/react'
import { useRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useBottomInset } from './use-bottom-inset.ts'

function Pinned() {
  const ref = useRef<HTMLDivElement>(null)
  useBottomInset(ref)
  return <div ref={ref}>composer</div>
}

describe('useBottomInset', () => {
  afterEach(() => vi.restoreAllMocks())

  it("publishes the element's height on <html> while it is mounted", () => {
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(132)
    const view = render(<Pinned />)
    expect(document.documentElement.style.getPropertyValue('--bottom-inset')).toBe('132px')

    view.unmount()
    // Another page has nothing pinned there: toasts go back to the bottom edge.
    expect(document.documentElement.style.getPropertyValue('--bottom-inset')).toBe('')
  })
})
