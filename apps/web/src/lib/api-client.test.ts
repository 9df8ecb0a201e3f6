import { afterEach, describe, expect, it, vi } from 'vitest'
import { errorResponse, jsonResponse, mockFetch } from '../testing/fake-api.ts'
import { api, ApiError, setUnauthorizedHandler } from './api-client.ts'

afterEach(() => setUnauthorizedHandler(null))

describe('api-client', () => {
  it('sends JSON with same-origin credentials and parses the answer', async () => {
    const fetchMock = mockFetch({ 'POST /api/sessions': () => jsonResponse({ session: { id: 's1' } }, 201) })
    await expect(api.post('/api/sessions', { title: 'VPN' })).resolves.toEqual({ session: { id: 's1' } })
    const [, init] = fetchMock.mock.calls[0]!
    expect(init?.credentials).toBe('same-origin')
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json')
    expect(init?.body).toBe('{"title":"VPN"}')
  })

  it("turns the API's {code, message} into an ApiError that keeps the whole body", async () => {
    mockFetch({
      'POST /api/handoffs/h1/claim': () =>
        jsonResponse(
          { code: 'HANDOFF_ALREADY_CLAIMED', message: 'Already claimed by Sam Patel', claimed_by: { id: 'u', name: 'Sam Patel' } },
          409,
        ),
    })
    const error = await api.post('/api/handoffs/h1/claim', { option: 'own' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 409,
      code: 'HANDOFF_ALREADY_CLAIMED',
      message: 'Already claimed by Sam Patel',
      body: { claimed_by: { name: 'Sam Patel' } },
    })
  })

  it('reports a 401 to the sign-in redirect, except from the login call itself', async () => {
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)
    mockFetch({
      'GET /api/sessions': () => errorResponse(401, 'UNAUTHENTICATED', 'Sign in first'),
      'POST /api/auth/login': () => errorResponse(401, 'INVALID_CREDENTIALS', 'Invalid email or password'),
    })
    await expect(api.post('/api/auth/login', {})).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' })
    expect(onUnauthorized).not.toHaveBeenCalled()
    await expect(api.get('/api/sessions')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledOnce()
  })

  it('reports a network failure as an ApiError with the cause attached', async () => {
    const cause = new TypeError('Failed to fetch')
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(cause))
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', cause })
  })

  it('answers undefined for 204', async () => {
    mockFetch({ 'POST /api/auth/logout': () => new Response(null, { status: 204 }) })
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined()
  })
})
