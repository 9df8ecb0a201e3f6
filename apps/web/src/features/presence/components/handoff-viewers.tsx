import { useHandoffViewers } from '../api/presence.ts'
import { describeViewers } from '../utils/describe-viewers.ts'
import '../presence.css'

type HandoffViewersProps = {
  handoffId: string
  /** The signed-in user, who is never listed as looking at their own screen. */
  viewerId: string
  /** `inline`: a line in a queue item; `banner`: a notice on the pickup screen. */
  variant?: 'inline' | 'banner'
}

/** "Morgan is looking at this": who else has the handoff's pickup screen open, live. */
export function HandoffViewers({ handoffId, viewerId, variant = 'inline' }: HandoffViewersProps) {
  const viewers = useHandoffViewers(handoffId, viewerId).data ?? []
  const text = describeViewers(viewers)
  return (
    // The live region stays mounted so the change is announced, not just drawn.
    <span className={`rf-presence rf-presence--${variant}`} aria-live="polite" data-testid="handoff-viewers">
      {text ? (
        <span className="rf-presence__text" title={viewers.map((v) => v.name).join(', ')}>
          <span className="rf-presence__dot" aria-hidden="true" />
          {text}
        </span>
      ) : null}
    </span>
  )
}
