import type { Message } from '@resolutionflow/shared/sessions.ts'

/**
 * The latest user message when nobody is answering it and it has no complete reply: the
 * assistant failed on it where this tab did not see the failure (a briefing answered by
 * the server, a reply cut off by a restart). The chat offers Retry for it.
 */
export function unansweredQuestion(messages: Message[]): Message | null {
  const index = messages.findLastIndex((message) => message.role === 'user')
  const question = messages[index]
  if (!question || question.answering || question.id.startsWith('local-')) return null
  const answered = messages.slice(index + 1).some((message) => message.role === 'assistant' && !message.incomplete)
  return answered ? null : question
}
