/**
 * DOM ids that features rely on across their boundaries (and Playwright too):
 * the handoff screen focuses the composer and scrolls to task-lane cards.
 */
export const CHAT_COMPOSER_ID = 'chat-composer'

export const taskLaneCardId = (index: number) => `task-lane-card-${index}`

/** Focus the chat composer if it is on screen (e.g. after "I'll take it from here"). */
export function focusChatComposer(): boolean {
  const composer = document.getElementById(CHAT_COMPOSER_ID)
  if (!(composer instanceof HTMLTextAreaElement) || composer.disabled) return false
  composer.focus()
  return true
}

/**
 * Focus the page's `<main>` (`AppLayout` gives it a tabindex): where focus goes when what had it
 * is about to disappear, e.g. the queue link of a handoff that was just claimed, or a link in the
 * phone drawer, which closes as the link is followed.
 */
export function focusMainContent(): void {
  document.querySelector<HTMLElement>('main')?.focus()
}
