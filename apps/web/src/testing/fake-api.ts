import { vi } from 'vitest'

/**
 * Tests mock the network boundary only: `fetch` is replaced by a small router
 * of `METHOD /path` handlers, and everything above it (api-client, react-query,
 * components) runs for real.
 */
export type FakeRequest = { method: string; path: string; url: URL; init: RequestInit; json: () => unknown }
export type FakeHandler = (request: FakeRequest) => Response | Promise<Response>

export function jsonResponse(body: unknown, status = 200) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

export const errorResponse = (status: number, code: string, message: string) => jsonResponse({ code, message }, status)

export function mockFetch(routes: Record<string, FakeHandler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init.method ?? 'GET').toUpperCase()
    const handler = routes[`${method} ${url.pathname}`]
    if (!handler) return errorResponse(404, 'NOT_FOUND', `No fake route for ${method} ${url.pathname}`)
    return handler({
      method,
      path: url.pathname,
      url,
      init,
      json: () => (typeof init.body === 'string' ? JSON.parse(init.body) : undefined),
    })
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

/** The calls made to one route, with their parsed JSON bodies. */
export function callsTo(fetchMock: ReturnType<typeof mockFetch>, method: string, path: string) {
  return fetchMock.mock.calls
    .filter(([input, init]) => (init?.method ?? 'GET') === method && new URL(String(input), 'http://localhost').pathname === path)
    .map(([, init]) => ({ init: init ?? {}, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined }))
}

/**
 * A streamed reply the test drives event by event, like the server would:
 * `response` is what fetch resolves with; aborting the request's signal
 * errors the body the way a real fetch does.
 */
export function createSseResponse(signal?: AbortSignal | null) {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
  })
  signal?.addEventListener('abort', () => {
    try {
      controller.error(new DOMException('The operation was aborted.', 'AbortError'))
    } catch {
      // Already closed: nothing left to abort.
    }
  })
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    /** Sends raw text, e.g. half an event. */
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    send: (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
    close: () => controller.close(),
  }
}

/** A promise the test settles when it chooses, to observe in-between states. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}
