import { Button } from '../../../components/ui/button.tsx'
import { Skeleton } from '../../../components/ui/skeleton.tsx'
import { useNow } from '../../../lib/use-now.ts'
import { useSessions } from '../api/get-sessions.ts'
import { SessionListItem } from './session-list-item.tsx'

function SessionListSkeleton() {
  return (
    <ul className="session-list" aria-hidden="true">
      {[70, 55, 80, 60].map((width) => (
        <li key={width} className="session-item session-item--skeleton">
          <Skeleton width={`${width}%`} />
          <Skeleton width="30%" height="0.7rem" />
        </li>
      ))}
    </ul>
  )
}

export function SessionList() {
  const sessions = useSessions()
  const now = useNow()

  return (
    <div className="session-list-region" data-testid="session-list" aria-busy={sessions.isPending}>
      {sessions.isPending ? (
        <>
          <span className="sr-only">Loading sessions</span>
          <SessionListSkeleton />
        </>
      ) : sessions.isError ? (
        <div className="session-list__message" role="alert">
          <p>Couldn't load your sessions.</p>
          <Button size="sm" onClick={() => void sessions.refetch()} loading={sessions.isFetching}>
            Retry
          </Button>
        </div>
      ) : sessions.data.length === 0 ? (
        <p className="session-list__message">No sessions yet. Start one to troubleshoot a problem with the assistant.</p>
      ) : (
        <ul className="session-list">
          {sessions.data.map((session) => (
            <SessionListItem key={session.id} session={session} now={now} />
          ))}
        </ul>
      )}
    </div>
  )
}
