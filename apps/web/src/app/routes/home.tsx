import { Navigate } from 'react-router'
import { paths } from '../../config/paths.ts'
import { FullPageSpinner } from '../../components/ui/spinner.tsx'
import { useSessions } from '../../features/sessions/api/get-sessions.ts'
import { StartSessionScreen } from '../../features/sessions/components/start-session-screen.tsx'

/** `/`: continue the most recent session, or offer to start the first one. */
export function HomeRoute() {
  const sessions = useSessions()
  if (sessions.isPending) return <FullPageSpinner label="Loading sessions" />
  const newest = sessions.data?.[0]
  if (newest) return <Navigate to={paths.chat.getHref(newest.id)} replace />
  return <StartSessionScreen />
}
