import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { StatusParts } from '../../../components/ui/status-parts.tsx'
import { HandoffDeclines } from './handoff-declines.tsx'
import { TimeAgo } from './time-ago.tsx'
import '../handoffs.css'
// The ended banner's and the declines' styles; not only the handoff screen's.
import '../escalation-loop.css'

type HandoffStatusBannerProps = {
  /** The session's latest handoff; the session detail it comes from is refreshed by live events. */
  handoff: HandoffResponse | null
}

/**
 * The chat's escalation state. The status region is always in the page, so a change
 * ("Picked up by …" arriving live) is announced, not only shown.
 */
export function HandoffStatusBanner({ handoff }: HandoffStatusBannerProps) {
  return (
    <div role="status" className="rf-handoff-banner-region">
      {handoff?.status === 'pending' ? (
        <p className="rf-handoff-banner rf-handoff-banner--pending">
          <span className="rf-pulse-dot" aria-hidden="true" />
          <StatusParts
            parts={[
              { content: 'Escalated' },
              { content: 'waiting for a senior' },
              handoff.target_user && { content: `sent to ${handoff.target_user.name}`, muted: true },
              { content: <TimeAgo iso={handoff.created_at} />, muted: true },
            ]}
          />{' '}
          {/* The space keeps the declines a separate sentence in the region's text; on screen they are a line of their own. */}
          <HandoffDeclines declines={handoff.declines} />
        </p>
      ) : handoff?.status === 'cancelled' ? (
        <p className="rf-handoff-banner rf-handoff-banner--ended">
          <StatusParts
            parts={[
              { content: `Escalation cancelled${handoff.cancelled_by ? ` by ${handoff.cancelled_by.name}` : ''}` },
              handoff.cancel_note && { content: handoff.cancel_note, joiner: ':', muted: true },
            ]}
          />
        </p>
      ) : handoff?.handed_back_at && handoff.claimed_by ? (
        <p className="rf-handoff-banner rf-handoff-banner--pending" data-testid="handed-back-banner">
          <StatusParts
            parts={[
              { content: `${handoff.claimed_by.name} handed this back to ${handoff.handed_off_by_name}` },
              handoff.hand_back_note && { content: handoff.hand_back_note, joiner: ':', muted: true },
            ]}
          />
        </p>
      ) : handoff?.status === 'claimed' && handoff.claimed_by ? (
        <p className="rf-handoff-banner rf-handoff-banner--claimed">
          <StatusParts
            parts={[
              { content: `Picked up by ${handoff.claimed_by.name}` },
              handoff.claimed_at && { content: <TimeAgo iso={handoff.claimed_at} />, muted: true },
            ]}
          />
        </p>
      ) : null}
    </div>
  )
}
