import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { jamie } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { ProtectedRoute } from './protected-route.tsx'

const app = <ProtectedRoute>{(user) => <p>Signed in as {user.name}</p>}</ProtectedRoute>

describe('ProtectedRoute', () => {
  it('renders the app for the signed-in user', async () => {
    mockFetch({ 'GET /api/me': () => jsonResponse({ user: jamie }) })
    renderWithProviders(app, { route: '/chat/s1', path: '/chat/:sessionId' })
    expect(await screen.findByText('Signed in as Jamie Rivera')).toBeInTheDocument()
  })

  it('sends anyone else to /login, remembering where they were going', async () => {
    mockFetch({ 'GET /api/me': () => errorResponse(401, 'UNAUTHENTICATED', 'Sign in first') })
    const { router } = renderWithProviders(app, { route: '/chat/s1?pickup=true', path: '/chat/:sessionId' })
    expect(await screen.findByText('Navigated to another page')).toBeInTheDocument()
    expect(router.state.location.pathname).toBe('/login')
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/chat/s1?pickup=true')}`)
  })
})
