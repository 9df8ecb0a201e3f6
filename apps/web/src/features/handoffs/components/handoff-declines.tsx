import { DECLINE_REASON_LABELS } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffDecline } from '@resolutionflow/shared/handoffs.ts'

/** Who said "not mine" and why, for the junior waiting on the escalation. */
export function HandoffDeclines({ declines }: { declines: HandoffDecline[] }) {
  if (declines.length === 0) return null
  return (
    <span className="rf-handoff-declines" data-testid="handoff-declines">
      {declines.map((d) => (
        <span key={d.user.id} className="rf-handoff-declines__item">
          {d.user.name} declined: {DECLINE_REASON_LABELS[d.reason]}
          {d.note ? ` (${d.note})` : ''}
        </span>
      ))}
    </span>
  )
}
