import { screen } from '@testing-library/react'
import { Link } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import { jamie } from '../../testing/fixtures.ts'
import { renderWithProviders } from '../../testing/render.tsx'
import { AppLayout } from './app-layout.tsx'

/** A window narrow enough for the sidebar to be a drawer (a phone, a tablet), or a laptop's. */
function windowIs(narrow: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: narrow && query === '(max-width: 1100px)',
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }))
}

function renderLayout() {
  return renderWithProviders(
    <AppLayout
      user={jamie}
      bell={null}
      onSignOut={() => undefined}
      sidebar={
        <nav aria-label="Sessions">
          <Link to="/chat/s1">Reception printer offline</Link>
          <Link to="/chat/s2">VPN drops every hour</Link>
        </nav>
      }
    >
      <label>
        Message
        <textarea />
      </label>
    </AppLayout>,
    // One route for every session, as in the app: following a link keeps the layout mounted.
    { route: '/chat/s1', path: '/chat/:sessionId' },
  )
}

const drawerButton = () => screen.getByRole('button', { name: 'Sessions' })
const main = () => document.getElementById('main-content')!

describe('AppLayout, the session drawer', () => {
  it('takes focus into itself, keeps the page behind it out of reach, and gives focus back to ☰ on Escape', async () => {
    windowIs(true)
    const { user } = renderLayout()
    expect(main()).not.toHaveAttribute('inert')

    await user.click(drawerButton())
    expect(drawerButton()).toHaveAttribute('aria-expanded', 'true')
    expect(screen.getByRole('link', { name: 'Reception printer offline' })).toHaveFocus()
    // Inert: Tab and Shift+Tab skip the greyed-out composer, and screen readers do not read it.
    expect(main()).toHaveAttribute('inert')

    await user.keyboard('{Escape}')
    expect(drawerButton()).toHaveAttribute('aria-expanded', 'false')
    expect(drawerButton()).toHaveFocus()
    expect(main()).not.toHaveAttribute('inert')
  })

  it('gives focus back to ☰ when a tap on the page behind closes it', async () => {
    windowIs(true)
    const { user } = renderLayout()
    await user.click(drawerButton())
    await user.click(document.querySelector('.app-sidebar-backdrop')!)
    expect(drawerButton()).toHaveAttribute('aria-expanded', 'false')
    expect(drawerButton()).toHaveFocus()
  })

  it('closes when one of its links is followed, and gives focus to the page that link opened', async () => {
    windowIs(true)
    const { user, router } = renderLayout()
    await user.click(drawerButton())
    screen.getByRole('link', { name: 'VPN drops every hour' }).focus()
    await user.keyboard('{Enter}')
    expect(router.state.location.pathname).toBe('/chat/s2')
    expect(drawerButton()).toHaveAttribute('aria-expanded', 'false')
    // Not the followed link, hidden with the drawer: the page, no longer inert.
    expect(main()).not.toHaveAttribute('inert')
    expect(main()).toHaveFocus()
  })

  it('leaves the page alone on a wide screen, where the sidebar is a column beside it', async () => {
    windowIs(false)
    const { user } = renderLayout()
    // ☰ is hidden there by CSS; a drawer opened before the window grew must not lock the page.
    await user.click(drawerButton())
    expect(main()).not.toHaveAttribute('inert')
  })
})
