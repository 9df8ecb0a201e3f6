import { taskLaneCardId } from '../../../lib/dom-ids.ts'

/**
 * Fallback when the page passes no `highlightTask`: scroll the card into view and
 * flash it (`rf-task-highlight` is styled in styles.css).
 */
export function highlightTaskCard(taskIndex: number) {
  const card = document.getElementById(taskLaneCardId(taskIndex))
  if (!card) return
  card.scrollIntoView?.({ behavior: 'smooth', block: 'center' })
  card.classList.remove('rf-task-highlight')
  // Re-adding on the next frame restarts the animation when the same card is picked twice.
  requestAnimationFrame(() => card.classList.add('rf-task-highlight'))
  window.setTimeout(() => card.classList.remove('rf-task-highlight'), 2000)
}
