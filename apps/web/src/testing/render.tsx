import type { ReactElement } from 'react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { Toaster } from 'sonner'

export function createTestQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  })
}

type Options = {
  /** The URL the test starts at. */
  route?: string
  /** The route pattern `ui` is mounted on, e.g. `/chat/:sessionId`. */
  path?: string
  queryClient?: QueryClient
}

/** Renders `ui` inside the app's real providers (react-query, a memory router, the toaster). */
export function renderWithProviders(ui: ReactElement, { route = '/', path = '/', queryClient = createTestQueryClient() }: Options = {}) {
  const router = createMemoryRouter(
    [
      { path, element: ui },
      { path: '*', element: <p>Navigated to another page</p> },
    ],
    { initialEntries: [route] },
  )
  const user = userEvent.setup()
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toaster containerAriaLabel="Alerts" />
    </QueryClientProvider>,
  )
  return { ...result, user, router, queryClient }
}
