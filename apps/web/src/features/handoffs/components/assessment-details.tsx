import type { Assessment } from '@resolutionflow/shared/handoffs.ts'
import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import { useId } from 'react'
import { ConfidenceBadge } from './confidence-badge.tsx'
import { InlineCode } from './inline-code.tsx'
import { SuggestedStepChips } from './suggested-step-chips.tsx'

type AssessmentDetailsProps = {
  assessment: Assessment
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>
  onStepClick?: (taskIndex: number) => void
}

export function AssessmentDetails({ assessment, taskLane, onStepClick }: AssessmentDetailsProps) {
  const knownId = useId()
  const causeId = useId()
  return (
    <div className="rf-assessment__details">
      <p className="rf-assessment__summary">
        <InlineCode text={assessment.summary_prose} />
      </p>
      <div className="rf-assessment__columns">
        <section className="rf-assessment__section" aria-labelledby={knownId}>
          <h4 id={knownId}>What we know</h4>
          {assessment.what_we_know.length > 0 ? (
            <ul className="rf-assessment__facts">
              {assessment.what_we_know.map((fact, index) => (
                <li key={index}>
                  <InlineCode text={fact} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="rf-muted">Nothing established yet.</p>
          )}
        </section>
        <section className="rf-assessment__section" aria-labelledby={causeId}>
          <h4 id={causeId}>Likely cause</h4>
          <p>
            <InlineCode text={assessment.likely_cause} />
          </p>
          <ConfidenceBadge confidence={assessment.confidence} />
        </section>
      </div>
      <SuggestedStepChips steps={assessment.suggested_steps} taskLane={taskLane} onStepClick={onStepClick} />
    </div>
  )
}
