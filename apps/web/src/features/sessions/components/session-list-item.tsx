import { NavLink } from 'react-router'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { paths } from '../../../config/paths.ts'
import { Badge } from '../../../components/ui/badge.tsx'
import { formatDateTime, formatRelativeTime } from '../../../lib/format-relative-time.ts'

type SessionListItemProps = { session: Session; now: number }

function HandoffBadge({ session }: { session: Session }) {
  if (session.handoff_status === 'pending') return <Badge tone="warning">Escalated</Badge>
  // A handed-back handoff stays claimed: the session is its starter's again.
  if (session.handoff_handed_back_at) return <Badge tone="neutral">Handed back</Badge>
  if (session.handoff_status === 'claimed') return <Badge tone="accent">Picked up</Badge>
  return null
}

export function SessionListItem({ session, now }: SessionListItemProps) {
  return (
    <li>
      <NavLink
        to={paths.chat.getHref(session.id)}
        className={({ isActive }) => (isActive ? 'session-item is-active' : 'session-item')}
      >
        <span className="session-item__title">{session.title}</span>
        <span className="session-item__meta">
          <time dateTime={session.last_activity_at} title={formatDateTime(session.last_activity_at)}>
            {formatRelativeTime(session.last_activity_at, now)}
          </time>
          {session.status === 'resolved' ? <Badge tone="success">Resolved</Badge> : <HandoffBadge session={session} />}
        </span>
      </NavLink>
    </li>
  )
}
