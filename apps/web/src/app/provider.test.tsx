import { act, render, screen } from '@testing-library/react'
import { toast } from 'sonner'
import { describe, expect, it, vi } from 'vitest'
import { PHONE_LAYOUT_QUERY } from '../lib/use-media-query.ts'
import { AppProvider } from './provider.tsx'

/** A window as wide as a phone's (the phone layout's query matches) or a laptop's. */
function windowIs(phone: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: phone && query === PHONE_LAYOUT_QUERY,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }))
}

// Sonner keeps its toasts in a module-wide store: a toast of an earlier test can still be there,
// so each test shows (and finds) its own text.
async function showToast(text: string) {
  render(<AppProvider>page</AppProvider>)
  await act(async () => {
    toast.info(text)
  })
  const shown = await screen.findByText(text)
  return shown.closest<HTMLElement>('[data-sonner-toaster]')!
}

describe('AppProvider toasts', () => {
  it('on a phone, sit at the bottom above the composer, clear of the toolbar at the top', async () => {
    windowIs(true)
    const toaster = await showToast('Sam Patel resolved "Reception printer offline": SNMP status on the port')
    expect(toaster).toHaveAttribute('data-y-position', 'bottom')
    // The composer publishes its height as --bottom-inset (useBottomInset).
    expect(toaster.style.getPropertyValue('--mobile-offset-bottom')).toBe('calc(var(--bottom-inset, 0px) + 8px)')
    expect(toaster.style.getPropertyValue('--offset-bottom')).toBe('calc(var(--bottom-inset, 0px) + 8px)')
  })

  it("on a wide screen, sit at the top under the header and the chat's toolbar, clear of Send and the task lane", async () => {
    windowIs(false)
    const toaster = await showToast('Sam Patel resolved "VPN drops": re-issued the certificate')
    expect(toaster).toHaveAttribute('data-y-position', 'top')
    // The chat's banner strip publishes its bottom edge as --top-inset (useTopInset); other pages have only the header.
    expect(toaster.style.getPropertyValue('--offset-top')).toBe('calc(var(--top-inset, var(--header-h)) + 8px)')
  })
})
