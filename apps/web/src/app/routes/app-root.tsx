import { NavLink, Outlet } from 'react-router'
import { isSenior } from '@resolutionflow/shared/roles.ts'
import type { User } from '@resolutionflow/shared/users.ts'
import { paths } from '../../config/paths.ts'
import { useLiveEvents } from '../../lib/use-live-events.ts'
import { AppLayout } from '../../components/layout/app-layout.tsx'
import { useLogout } from '../../features/auth/api/logout.ts'
import { ProtectedRoute } from '../../features/auth/components/protected-route.tsx'
import { HandoffQueue } from '../../features/handoffs/components/handoff-queue.tsx'
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx'
import { HandoffViewers } from '../../features/presence/components/handoff-viewers.tsx'
import { SessionSidebar } from '../../features/sessions/components/session-sidebar.tsx'

function SignedInApp({ user }: { user: User }) {
  // The tab's one live-event stream, for as long as someone is signed in.
  useLiveEvents()
  const logout = useLogout()

  return (
    <AppLayout
      user={user}
      bell={<NotificationBell />}
      nav={
        user.role === 'admin' ? (
          <NavLink to={paths.metrics.getHref()} className="header-link">
            Team metrics
          </NavLink>
        ) : null
      }
      onSignOut={() => logout.mutate()}
      signingOut={logout.isPending}
      sidebar={
        <>
          {isSenior(user.role) && (
            <HandoffQueue
              viewer={user}
              renderItemExtra={(handoff) => <HandoffViewers handoffId={handoff.id} viewerId={user.id} />}
            />
          )}
          <SessionSidebar />
        </>
      }
    >
      <Outlet />
    </AppLayout>
  )
}

export function AppRoot() {
  return <ProtectedRoute>{(user) => <SignedInApp user={user} />}</ProtectedRoute>
}
