import type { TaskItem } from '@resolutionflow/shared/sessions.ts'

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

// Short titles ("Restart", "Check DNS") would be found inside many unrelated steps.
const MIN_CONTAINED_WORDS = 3

const containsWords = (longer: string, shorter: string) =>
  shorter.split(' ').length >= MIN_CONTAINED_WORDS && ` ${longer} `.includes(` ${shorter} `)

/**
 * The index of the task-lane card a suggested step names, or null when it names none.
 * The assessment is asked to reuse lane titles word for word (the offline one does), so a
 * step matches a card whose title equals it, or one it contains as whole words (or the other
 * way round) when the shorter side is a few words long. There is no positional guess: a step
 * that is not in the lane must not point at whatever card sits at its position.
 */
export function matchStepToTask(step: string, taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>): number | null {
  const wanted = normalize(step)
  if (!wanted) return null
  const titles = taskLane.map((task) => normalize(task.title))
  const exact = titles.indexOf(wanted)
  if (exact !== -1) return exact
  const contained = titles.findIndex(
    (title) => title !== '' && (containsWords(wanted, title) || containsWords(title, wanted)),
  )
  return contained === -1 ? null : contained
}
