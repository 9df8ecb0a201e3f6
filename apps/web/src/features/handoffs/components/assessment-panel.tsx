import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import { useId } from 'react'
import { AssessmentDetails } from './assessment-details.tsx'
import { AssessmentFailed } from './assessment-failed.tsx'
import { AssessmentSkeleton } from './assessment-skeleton.tsx'

type AssessmentPanelProps = {
  handoff: Pick<HandoffResponse, 'id' | 'assessment_status' | 'assessment_error' | 'ai_assessment_data'>
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>
  canRegenerate?: boolean
  onStepClick?: (taskIndex: number) => void
}

/**
 * The AI's read of the session, in whichever state the background run is in.
 * aria-busy holds announcements back while it runs; the polite live region then
 * reads the filled-in assessment once, when it arrives.
 */
export function AssessmentPanel({ handoff, taskLane, canRegenerate = true, onStepClick }: AssessmentPanelProps) {
  const headingId = useId()
  const pending = handoff.assessment_status === 'pending'
  const assessment = handoff.assessment_status === 'ready' ? handoff.ai_assessment_data : null

  return (
    <section className="rf-assessment" aria-labelledby={headingId} aria-live="polite" aria-busy={pending}>
      <h3 id={headingId} className="rf-section-title">
        AI assessment
      </h3>
      {pending ? (
        <AssessmentSkeleton />
      ) : assessment ? (
        <AssessmentDetails assessment={assessment} taskLane={taskLane} onStepClick={onStepClick} />
      ) : (
        <AssessmentFailed handoffId={handoff.id} error={handoff.assessment_error} canRegenerate={canRegenerate} />
      )}
    </section>
  )
}
