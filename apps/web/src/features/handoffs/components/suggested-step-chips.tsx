import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import { useId } from 'react'
import { matchStepToTask } from '../utils/match-step-to-task.ts'

type SuggestedStepChipsProps = {
  steps: string[]
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>
  onStepClick?: (taskIndex: number) => void
}

/** The assessment's next steps; a step with a task-lane card jumps to it. */
export function SuggestedStepChips({ steps, taskLane, onStepClick }: SuggestedStepChipsProps) {
  const headingId = useId()
  if (steps.length === 0) return null
  return (
    <section className="rf-assessment__section" aria-labelledby={headingId}>
      <h4 id={headingId}>Suggested steps</h4>
      <ol className="rf-chips">
        {steps.map((step, stepIndex) => {
          const taskIndex = matchStepToTask(step, stepIndex, taskLane)
          return (
            <li key={stepIndex}>
              {taskIndex !== null && onStepClick ? (
                <button
                  type="button"
                  className="rf-chip"
                  title="Show this step in the task lane"
                  onClick={() => onStepClick(taskIndex)}
                >
                  {step}
                </button>
              ) : (
                <span className="rf-chip rf-chip--static">{step}</span>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
