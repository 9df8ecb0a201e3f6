import { render } from '@testing-library/react'
import { useRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useTopInset } from './use-top-inset.ts'

function UnderTheHeader() {
  const ref = useRef<HTMLDivElement>(null)
  useTopInset(ref)
  return <div ref={ref}>toolbar and banner</div>
}

describe('useTopInset', () => {
  afterEach(() => vi.restoreAllMocks())

  it("publishes the element's bottom edge on <html> while it is mounted", () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(272, 108, 1168, 28.5))
    const view = render(<UnderTheHeader />)
    expect(document.documentElement.style.getPropertyValue('--top-inset')).toBe('137px')

    view.unmount()
    // Another page has only the header there: toasts go back under it.
    expect(document.documentElement.style.getPropertyValue('--top-inset')).toBe('')
  })
})
