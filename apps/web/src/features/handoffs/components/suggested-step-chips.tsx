import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import { useId, type MouseEvent } from 'react'
import { ArrowRightIcon } from '../../../components/ui/icons.tsx'
import { taskLaneCardId } from '../../../lib/dom-ids.ts'
import { matchStepToTask } from '../utils/match-step-to-task.ts'
import { InlineCode } from './inline-code.tsx'

type SuggestedStepChipsProps = {
  steps: string[]
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>
  onStepClick?: (taskIndex: number) => void
}

/**
 * The assessment's next steps as a readable list. A step named by a task-lane card is a link
 * to that card (it scrolls to and flashes it); any other step is plain text, not a control.
 */
export function SuggestedStepChips({ steps, taskLane, onStepClick }: SuggestedStepChipsProps) {
  const headingId = useId()
  if (steps.length === 0) return null
  return (
    <section className="rf-assessment__section" aria-labelledby={headingId}>
      <h4 id={headingId}>Suggested steps</h4>
      <ol className="rf-steps">
        {steps.map((step, stepIndex) => {
          const taskIndex = onStepClick ? matchStepToTask(step, taskLane) : null
          return (
            <li key={stepIndex} className="rf-step">
              {taskIndex !== null && onStepClick ? (
                <a
                  href={`#${taskLaneCardId(taskIndex)}`}
                  className="rf-step__link"
                  data-task-index={taskIndex}
                  onClick={(event: MouseEvent) => {
                    event.preventDefault()
                    onStepClick(taskIndex)
                  }}
                >
                  <InlineCode text={step} />
                  <ArrowRightIcon size={14} />
                </a>
              ) : (
                <span className="rf-step__text">
                  <InlineCode text={step} />
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
