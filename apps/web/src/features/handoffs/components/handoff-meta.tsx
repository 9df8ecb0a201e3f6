import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { claimOptionOutcome } from '../utils/claim-options.ts'
import { TimeAgo } from './time-ago.tsx'

type HandoffMetaProps = {
  id?: string
  handoff: HandoffResponse
  /** Also say who picked it up, when and how (the overlay after the claim). */
  showClaim?: boolean
}

/** Who escalated and when; and, once claimed, who picked it up. */
export function HandoffMeta({ id, handoff, showClaim = false }: HandoffMetaProps) {
  return (
    <div id={id} className="rf-handoff-meta">
      <p>
        Escalated by <strong>{handoff.handed_off_by_name}</strong> · <TimeAgo iso={handoff.created_at} />
        {handoff.target_user ? ` · sent to ${handoff.target_user.name}` : ' · sent to all seniors'}
      </p>
      {showClaim && handoff.claimed_by ? (
        <p className="rf-handoff-meta__claim">
          Picked up by <strong>{handoff.claimed_by.name}</strong>
          {handoff.claimed_at ? (
            <>
              {' · '}
              <TimeAgo iso={handoff.claimed_at} />
            </>
          ) : null}
          {handoff.claim_option ? ` · ${claimOptionOutcome[handoff.claim_option]}` : null}
        </p>
      ) : null}
    </div>
  )
}
