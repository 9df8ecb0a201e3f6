import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import type { User } from '@resolutionflow/shared/users.ts'
import { paths } from '../../../config/paths.ts'
import { isApiError } from '../../../lib/api-client.ts'
import { FullPageSpinner } from '../../../components/ui/spinner.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { useMe } from '../api/get-me.ts'

type ProtectedRouteProps = { children: (user: User) => ReactNode }

/** Renders its children only for a signed-in user; anyone else goes to /login and comes back after. */
export function ProtectedRoute({ children }: ProtectedRouteProps) {
  const me = useMe()
  const location = useLocation()

  if (me.data) return children(me.data)
  // Signing out: whoever set `null` is already navigating to /login.
  if (me.data === null || me.isPending) return <FullPageSpinner label="Loading your workspace" />
  if (isApiError(me.error) && me.error.status === 401) {
    return <Navigate to={paths.login.getHref(location.pathname + location.search)} replace />
  }
  return (
    <div className="full-page-center">
      <div className="empty-state" role="alert">
        <h1 className="empty-state__title">Can't reach ResolutionFlow</h1>
        <p className="empty-state__text">{me.error?.message}</p>
        <Button variant="primary" onClick={() => void me.refetch()} loading={me.isFetching}>
          Try again
        </Button>
      </div>
    </div>
  )
}
