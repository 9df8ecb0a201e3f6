import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { callsTo, deferred, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { jamie } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { LoginForm } from './login-form.tsx'

function setupLogin(loginHandler: () => Response | Promise<Response>) {
  const fetchMock = mockFetch({ 'POST /api/auth/login': loginHandler })
  const onSuccess = vi.fn()
  const view = renderWithProviders(<LoginForm onSuccess={onSuccess} />)
  const fill = async (email: string, password: string) => {
    await view.user.type(screen.getByLabelText('Email'), email)
    await view.user.type(screen.getByLabelText('Password'), password)
  }
  return { ...view, fetchMock, onSuccess, fill }
}

describe('LoginForm', () => {
  it('says "Incorrect email or password" inline on a 401', async () => {
    const { user, fill, onSuccess } = setupLogin(() =>
      errorResponse(401, 'INVALID_CREDENTIALS', 'Invalid email or password'),
    )
    await fill('engineer@resolutionflow.example.com', 'wrong')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect email or password')
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true')
    expect(onSuccess).not.toHaveBeenCalled()
  })

  it('explains a rate limit on a 429', async () => {
    const { user, fill } = setupLogin(() => errorResponse(429, 'RATE_LIMITED', 'Too many requests'))
    await fill('engineer@resolutionflow.example.com', 'wrong')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/too many sign-in attempts/i)
  })

  it('disables submit while signing in, then stores the user and continues', async () => {
    const response = deferred<Response>()
    const { user, fill, onSuccess, queryClient, fetchMock } = setupLogin(() => response.promise)
    await fill('engineer@resolutionflow.example.com', 'TestPass123!')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(screen.getByRole('button', { name: 'Sign in' })).toBeDisabled()
    expect(callsTo(fetchMock, 'POST', '/api/auth/login')[0]?.body).toEqual({
      email: 'engineer@resolutionflow.example.com',
      password: 'TestPass123!',
    })

    response.resolve(jsonResponse({ user: jamie }))
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalledOnce())
    expect(queryClient.getQueryData(queryKeys.me)).toEqual(jamie)
  })

  it('fills the form from a demo account', async () => {
    const { user } = setupLogin(() => jsonResponse({ user: jamie }))
    await user.click(screen.getByRole('button', { name: /senior@resolutionflow\.example\.com/ }))
    expect(screen.getByLabelText('Email')).toHaveValue('senior@resolutionflow.example.com')
    expect(screen.getByLabelText('Password')).toHaveValue('TestPass123!')
  })
})
