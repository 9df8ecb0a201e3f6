import type { ErrorResponse } from '@resolutionflow/shared/errors.ts'

/** A failed API call, carrying the API's `{code, message}` (and the whole body, e.g. a 409's `claimed_by`). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly body: unknown

  constructor(status: number, code: string, message: string, body: unknown, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.body = body
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError

const LOGIN_PATH = '/api/auth/login'

let unauthorizedHandler: (() => void) | null = null

/**
 * Called when the API answers 401 to anything but the login call (the session
 * expired or was signed out elsewhere). The router registers the redirect here,
 * so this module stays free of routing.
 */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  unauthorizedHandler = handler
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ErrorResponse).code === 'string' &&
    typeof (body as ErrorResponse).message === 'string'
  )
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Builds the ApiError for a non-2xx response, and triggers the sign-in redirect on 401. */
export async function toApiError(path: string, response: Response): Promise<ApiError> {
  const body = await readBody(response).catch(() => undefined)
  if (response.status === 401 && path !== LOGIN_PATH) unauthorizedHandler?.()
  if (isErrorResponse(body)) return new ApiError(response.status, body.code, body.message, body)
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || 'Request failed', body)
}

export type RequestOptions = Omit<RequestInit, 'body'> & { json?: unknown }

/**
 * The one place the app calls `fetch`: same-origin cookies, JSON bodies, and
 * every failure (HTTP or network) surfaces as an ApiError. Returns the raw
 * response so streaming callers can read its body.
 */
export async function request(path: string, { json, headers, ...init }: RequestOptions = {}): Promise<Response> {
  const finalHeaders = new Headers(headers)
  if (!finalHeaders.has('Accept')) finalHeaders.set('Accept', 'application/json')
  if (json !== undefined) finalHeaders.set('Content-Type', 'application/json')

  let response: Response
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      ...init,
      headers: finalHeaders,
      body: json === undefined ? undefined : JSON.stringify(json),
    })
  } catch (error) {
    // An abort is the caller's decision, not a failure: let it through unchanged.
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.', undefined, {
      cause: error,
    })
  }
  if (!response.ok) throw await toApiError(path, response)
  return response
}

async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options)
  if (response.status === 204) return undefined as T
  return (await readBody(response)) as T
}

type Options = Omit<RequestOptions, 'method' | 'json'>

/** JSON helpers; callers name the response type from `@resolutionflow/shared`. */
export const api = {
  get: <T>(path: string, options?: Options) => requestJson<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, json?: unknown, options?: Options) => requestJson<T>(path, { ...options, method: 'POST', json }),
  put: <T>(path: string, json?: unknown, options?: Options) => requestJson<T>(path, { ...options, method: 'PUT', json }),
  patch: <T>(path: string, json?: unknown, options?: Options) =>
    requestJson<T>(path, { ...options, method: 'PATCH', json }),
  delete: <T>(path: string, options?: Options) => requestJson<T>(path, { ...options, method: 'DELETE' }),
}
