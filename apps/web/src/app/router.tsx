import { useEffect, useState } from 'react'
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { paths } from '../config/paths.ts'
import { setUnauthorizedHandler } from '../lib/api-client.ts'
import { queryKeys } from '../lib/query-keys.ts'
import { FullPageSpinner } from '../components/ui/spinner.tsx'
import { RouteError } from '../components/errors/route-error.tsx'

// Every page is its own chunk: the entry holds only the providers and the router.
export function createAppRouter() {
  return createBrowserRouter([
    {
      hydrateFallbackElement: <FullPageSpinner />,
      errorElement: <RouteError />,
      children: [
        {
          path: paths.login.path,
          lazy: async () => ({ Component: (await import('./routes/login.tsx')).LoginRoute }),
        },
        {
          path: paths.setup.path,
          lazy: async () => ({ Component: (await import('./routes/setup.tsx')).SetupRoute }),
        },
        {
          path: paths.acceptInvitation.path,
          lazy: async () => ({ Component: (await import('./routes/accept-invitation.tsx')).AcceptInvitationRoute }),
        },
        {
          path: paths.resetPassword.path,
          lazy: async () => ({ Component: (await import('./routes/reset-password.tsx')).ResetPasswordRoute }),
        },
        {
          path: paths.home.path,
          lazy: async () => ({ Component: (await import('./routes/app-root.tsx')).AppRoot }),
          children: [
            {
              index: true,
              lazy: async () => ({ Component: (await import('./routes/home.tsx')).HomeRoute }),
            },
            {
              path: paths.chat.path,
              lazy: async () => ({ Component: (await import('./routes/chat.tsx')).ChatRoute }),
            },
            {
              path: paths.metrics.path,
              lazy: async () => ({ Component: (await import('./routes/metrics.tsx')).MetricsRoute }),
            },
            {
              path: paths.people.path,
              lazy: async () => ({ Component: (await import('./routes/people.tsx')).PeopleRoute }),
            },
            {
              path: paths.settings.path,
              lazy: async () => ({ Component: (await import('./routes/settings.tsx')).SettingsRoute }),
            },
            {
              path: paths.audit.path,
              lazy: async () => ({ Component: (await import('./routes/audit.tsx')).AuditRoute }),
            },
            {
              path: paths.account.path,
              lazy: async () => ({ Component: (await import('./routes/account.tsx')).AccountRoute }),
            },
            {
              path: paths.webhooks.path,
              lazy: async () => ({ Component: (await import('./routes/webhooks.tsx')).WebhooksRoute }),
            },
            {
              path: '*',
              lazy: async () => ({ Component: (await import('./routes/not-found.tsx')).NotFoundRoute }),
            },
          ],
        },
      ],
    },
  ])
}

type AppRouter = ReturnType<typeof createAppRouter>

const PUBLIC_PREFIXES = [paths.setup.path, '/invite/', '/reset-password/']

/**
 * A 401 from any call but the login itself: the session expired or was ended
 * elsewhere. Drop to the sign-in page, remembering where the user was.
 */
async function endExpiredSession(router: AppRouter, queryClient: QueryClient) {
  const { pathname, search } = router.state.location
  // The signed-out pages (sign-in, first run, links from e-mails) answer 401s as part of their job.
  if (pathname === paths.login.path || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return
  // `null` unmounts the signed-in screens first, so nothing refetches on the way out.
  queryClient.setQueryData(queryKeys.me, null)
  await router.navigate(paths.login.getHref(pathname + search), { replace: true })
  queryClient.clear()
}

export function AppRouter() {
  const queryClient = useQueryClient()
  const [router] = useState(createAppRouter)

  useEffect(() => {
    setUnauthorizedHandler(() => void endExpiredSession(router, queryClient))
    return () => setUnauthorizedHandler(null)
  }, [router, queryClient])

  // Router state is applied at once, not in a transition: `/` decides its first-load redirect
  // from the navigation state, and an urgent render (the session list arriving) must already see
  // the navigation the user started by clicking, or the redirect overrides it.
  return <RouterProvider router={router} useTransitions={false} />
}
