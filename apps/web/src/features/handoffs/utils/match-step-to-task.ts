import type { TaskItem } from '@resolutionflow/shared/sessions.ts'

const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ')

/**
 * The index of the task-lane card a suggested step points at, or null when none does.
 * The assessment words its steps freely, so a title that equals or contains the step
 * (or the other way round) wins; failing that, the LLM lists steps in lane order, so
 * the step's own position is the best guess while the lane is that long.
 */
export function matchStepToTask(
  step: string,
  stepIndex: number,
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>,
): number | null {
  const wanted = normalize(step)
  if (wanted) {
    const titles = taskLane.map((task) => normalize(task.title))
    const exact = titles.indexOf(wanted)
    if (exact !== -1) return exact
    const contained = titles.findIndex((title) => title !== '' && (title.includes(wanted) || wanted.includes(title)))
    if (contained !== -1) return contained
  }
  return stepIndex < taskLane.length ? stepIndex : null
}
