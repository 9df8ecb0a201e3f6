import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { HandoffDeclines } from './handoff-declines.tsx'
import { TimeAgo } from './time-ago.tsx'
import '../handoffs.css'

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
          Escalated · waiting for a senior{' '}
          <span className="rf-muted">
            · {handoff.target_user ? `sent to ${handoff.target_user.name} · ` : null}
            <TimeAgo iso={handoff.created_at} />
          </span>
          <HandoffDeclines declines={handoff.declines} />
        </p>
      ) : handoff?.status === 'cancelled' ? (
        <p className="rf-handoff-banner rf-handoff-banner--ended">
          Escalation cancelled{handoff.cancelled_by ? ` by ${handoff.cancelled_by.name}` : ''}
          {handoff.cancel_note ? <span className="rf-muted">: {handoff.cancel_note}</span> : null}
        </p>
      ) : handoff?.handed_back_at && handoff.claimed_by ? (
        <p className="rf-handoff-banner rf-handoff-banner--pending" data-testid="handed-back-banner">
          {handoff.claimed_by.name} handed this back to {handoff.handed_off_by_name}
          {handoff.hand_back_note ? <span className="rf-muted">: {handoff.hand_back_note}</span> : null}
        </p>
      ) : handoff?.status === 'claimed' && handoff.claimed_by ? (
        <p className="rf-handoff-banner rf-handoff-banner--claimed">
          Picked up by {handoff.claimed_by.name}
          {handoff.claimed_at ? (
            <>
              {' '}
              <span className="rf-muted">
                · <TimeAgo iso={handoff.claimed_at} />
              </span>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  )
}
