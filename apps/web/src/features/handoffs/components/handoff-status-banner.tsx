import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
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
