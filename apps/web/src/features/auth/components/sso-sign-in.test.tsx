import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../../testing/render.tsx'
import { SsoSignIn } from './sso-sign-in.tsx'

afterEach(() => localStorage.clear())

describe('SsoSignIn', () => {
  it('explains why the provider sign-in was refused', () => {
    renderWithProviders(<SsoSignIn initialOrganization={null} error="SSO_UNKNOWN_EMAIL" />)
    expect(screen.getByRole('alert')).toHaveTextContent('not a member of this organization. Ask an admin to invite you first.')
  })

  it('sends the browser to the start of the flow for the organization given, and remembers it', async () => {
    const assign = vi.fn()
    vi.stubGlobal('location', { ...window.location, assign })
    const { user } = renderWithProviders(<SsoSignIn initialOrganization={null} error={null} />)
    await user.click(screen.getByRole('button', { name: /Sign in with SSO/ }))
    await user.type(screen.getByLabelText('Organization'), ' Acme-MSP ')
    await user.click(screen.getByRole('button', { name: 'Continue with SSO' }))
    expect(assign).toHaveBeenCalledWith('/api/auth/oidc/start?organization=acme-msp')
    expect(localStorage.getItem('rf.sso.organization')).toBe('acme-msp')
    vi.unstubAllGlobals()
  })
})
