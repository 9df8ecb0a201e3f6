import { QueryClient } from '@tanstack/react-query'
import { isApiError } from './api-client.ts'

/** A 4xx will not change on retry; only network failures and 5xx are worth a second try. */
function shouldRetry(failureCount: number, error: unknown) {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false
  return failureCount < 2
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Live events invalidate what changes, so cached data can be trusted for a while.
        staleTime: 30_000,
        retry: shouldRetry,
      },
      mutations: { retry: false },
    },
  })
}
