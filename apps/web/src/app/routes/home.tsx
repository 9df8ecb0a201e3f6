import { useIsMutating } from '@tanstack/react-query'
import { Navigate, useNavigation } from 'react-router'
import { paths } from '../../config/paths.ts'
import { queryKeys } from '../../lib/query-keys.ts'
import { FullPageSpinner } from '../../components/ui/spinner.tsx'
import { useSessions } from '../../features/sessions/api/get-sessions.ts'
import { StartSessionScreen } from '../../features/sessions/components/start-session-screen.tsx'

/**
 * `/`: continue the most recent session, or offer to start the first one. What the user
 * started while the list loaded wins over that redirect: a link whose page is still
 * loading (the router's navigation is not idle), or "New session" on its way to the server.
 */
export function HomeRoute() {
  const sessions = useSessions()
  const navigation = useNavigation()
  const creatingSession = useIsMutating({ mutationKey: queryKeys.mutations.createSession }) > 0
  const userIsLeaving = navigation.state !== 'idle' || creatingSession

  if (sessions.isPending || userIsLeaving) return <FullPageSpinner label="Loading sessions" />
  const newest = sessions.data?.[0]
  if (newest) return <Navigate to={paths.chat.getHref(newest.id)} replace />
  return <StartSessionScreen />
}
