import { NavLink, Outlet } from 'react-router'
import { canManageTeam, isSenior } from '@resolutionflow/shared/roles.ts'
import type { User } from '@resolutionflow/shared/users.ts'
import { paths } from '../../config/paths.ts'
import { useLiveEvents } from '../../lib/use-live-events.ts'
import { AppLayout } from '../../components/layout/app-layout.tsx'
import { useLogout } from '../../features/auth/api/logout.ts'
import { ProtectedRoute } from '../../features/auth/components/protected-route.tsx'
import { HandoffQueue } from '../../features/handoffs/components/handoff-queue.tsx'
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx'
import { LiveNotificationToasts } from '../../features/notifications/components/live-notification-toasts.tsx'
import { HandoffViewers } from '../../features/presence/components/handoff-viewers.tsx'
import { DesktopNotificationsToggle } from '../../features/browser-notifications/components/desktop-notifications-toggle.tsx'
import { useDesktopNotifications } from '../../features/browser-notifications/hooks/use-desktop-notifications.ts'
import { SessionSidebar } from '../../features/sessions/components/session-sidebar.tsx'

function SignedInApp({ user }: { user: User }) {
  // The tab's one live-event stream, for as long as someone is signed in.
  useLiveEvents()
  // A hidden tab raises a desktop notification for a new escalation (if the user allowed it).
  useDesktopNotifications()
  const logout = useLogout()

  return (
    <AppLayout
      user={user}
      bell={<NotificationBell footer={<DesktopNotificationsToggle compact />} />}
      nav={
        <>
          {canManageTeam(user.role) && (
            <>
              <NavLink to={paths.metrics.getHref()} className="header-link">
                Team metrics
              </NavLink>
              <NavLink to={paths.people.getHref()} className="header-link">
                People
              </NavLink>
              <NavLink to={paths.settings.getHref()} className="header-link">
                Settings
              </NavLink>
              <NavLink to={paths.audit.getHref()} className="header-link">
                Audit log
              </NavLink>
            </>
          )}
          <NavLink to={paths.account.getHref()} className="header-link">
            Account
          </NavLink>
        </>
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
      <LiveNotificationToasts />
      <Outlet />
    </AppLayout>
  )
}

export function AppRoot() {
  return <ProtectedRoute>{(user) => <SignedInApp user={user} />}</ProtectedRoute>
}
