import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { Badge } from '../../../components/ui/badge.tsx'
import { paths } from '../../../config/paths.ts'
import { usePendingHandoffs } from '../api/get-pending-handoffs.ts'
import { canClaimHandoff, PICKUP_PARAM, type Viewer } from '../utils/can-claim-handoff.ts'
import { TimeAgo } from './time-ago.tsx'
import '../handoffs.css'

/**
 * A senior's queue, above their sessions: the escalations they could pick up, longest
 * waiting first, each opening the handoff context screen. Kept current by live events.
 * Hidden while empty or loading: the bell already says when something arrives.
 */
export function HandoffQueue({
  viewer,
  renderItemExtra,
}: {
  viewer: Viewer
  /** Composed by the route: a line under an item, e.g. who is looking at it. */
  renderItemExtra?: (handoff: HandoffResponse) => ReactNode
}) {
  const pending = usePendingHandoffs()
  // One the viewer declined has left their queue (it waits for the others).
  const waiting = (pending.data ?? []).filter(
    (handoff) => canClaimHandoff(handoff, viewer) && !handoff.declines.some((d) => d.user.id === viewer.id),
  )
  if (waiting.length === 0) return null

  return (
    <section className="rf-queue" aria-labelledby="handoff-queue-title">
      <h2 id="handoff-queue-title" className="rf-queue__title">
        Waiting for pickup <span className="rf-queue__count">{waiting.length}</span>
      </h2>
      <ul className="rf-queue__list">
        {waiting.map((handoff) => (
          <QueueItem key={handoff.id} handoff={handoff} viewer={viewer} extra={renderItemExtra?.(handoff)} />
        ))}
      </ul>
    </section>
  )
}

function QueueItem({ handoff, viewer, extra }: { handoff: HandoffResponse; viewer: Viewer; extra?: ReactNode }) {
  const target = handoff.target_user
  return (
    <li>
      <Link to={`${paths.chat.getHref(handoff.session_id)}?${PICKUP_PARAM}=true`} className="rf-queue__item">
        <span className="rf-queue__session">{handoff.session_title}</span>
        <span className="rf-queue__meta">
          {handoff.handed_off_by_name} · <TimeAgo iso={handoff.created_at} />
          {target && <Badge tone={target.id === viewer.id ? 'accent' : 'neutral'}>{target.id === viewer.id ? 'For you' : `For ${target.name}`}</Badge>}
        </span>
        {extra}
      </Link>
    </li>
  )
}
