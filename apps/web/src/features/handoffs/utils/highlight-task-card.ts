/**
 * The default way to show a task-lane card (`id="task-lane-card-{idx}"`, rendered by the
 * chat feature): scroll it into view, move focus to it, and flash it briefly.
 */
export function highlightTaskCard(taskIndex: number) {
  const card = document.getElementById(`task-lane-card-${taskIndex}`)
  if (!card) return
  card.scrollIntoView?.({ behavior: 'smooth', block: 'center' })
  if (!card.hasAttribute('tabindex')) card.setAttribute('tabindex', '-1')
  card.focus({ preventScroll: true })
  card.classList.add('rf-task-highlight')
  window.setTimeout(() => card.classList.remove('rf-task-highlight'), 2000)
}

/** The default composer focus: the chat feature renders it as `id="chat-composer"`. */
export function focusChatComposer() {
  document.getElementById('chat-composer')?.focus()
}
