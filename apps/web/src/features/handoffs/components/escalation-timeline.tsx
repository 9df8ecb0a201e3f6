import type { HandoffWithTimeline } from '../api/types.ts'
import { describeStep, formatClock } from '../utils/describe-timeline.ts'

/**
 * Who the escalation reached, and when: "Sent to Sam at 14:02 · re-sent 14:07 · sent to
 * everyone 14:17". Nothing when the server sends no timeline.
 */
export function EscalationTimeline({ handoff }: { handoff: HandoffWithTimeline }) {
  const steps = handoff.timeline ?? []
  if (steps.length === 0) return null
  return (
    <ol className="rf-timeline" aria-label="Escalation timeline">
      {steps.map((step, index) => (
        <li key={`${step.kind}-${step.at}`} className="rf-timeline__step">
          <time dateTime={step.at}>{describeStep(step, index, formatClock)}</time>
        </li>
      ))}
    </ol>
  )
}
