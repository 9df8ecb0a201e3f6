// replaced by the shared schema on merge: HandoffResponse.timeline in packages/shared/src/handoffs.ts
// (added by the server side of this issue, the escalation policy).
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'

export type TimelineStep = {
  kind: 'sent' | 'renotified' | 'widened' | 'claimed'
  at: string
  /** Who this step notified (or who claimed); null: every senior of the organization. */
  to: Array<{ id: string; name: string }> | null
}

/** A handoff as the policy-aware server sends it; older servers leave `timeline` out. */
export type HandoffWithTimeline = HandoffResponse & { timeline?: TimelineStep[] | null }
