/**
 * Bounds what is sent to a model by a token budget.
 *
 * Tokens are estimated at ~4 characters per token (the usual rule of thumb for English with
 * OpenAI-style BPE tokenisers) plus a small per-message overhead for the role framing. It is an
 * estimate, not a tokenizer: the budget should leave headroom below the model's real context
 * window (and room for the answer).
 */

export const CHARS_PER_TOKEN = 4
/** Role and separator tokens each chat message costs beyond its text. */
export const MESSAGE_OVERHEAD_TOKENS = 4

export interface BudgetMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
  authorName?: string
}

export interface BudgetedMessages {
  messages: BudgetMessage[]
  /** How many conversation messages were dropped (oldest first). */
  omitted: number
  /** Whether a message (the newest user turn, or a reply after it) had to be shortened to fit. */
  truncated: boolean
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN)
}

function messageTokens(message: BudgetMessage): number {
  return estimateTokens(message.content) + MESSAGE_OVERHEAD_TOKENS
}

export function omittedMarker(count: number): string {
  return `[${count} earlier message${count === 1 ? '' : 's'} omitted]`
}

/**
 * Fits `messages` into `maxTokens`. The leading `system` messages (the prompt, the task lane…)
 * are always kept; of the conversation after them, the newest messages are kept and the oldest
 * dropped first, with one `system` marker "[N earlier messages omitted]" in their place.
 *
 * The newest user turn is never dropped, because it is what the model must answer; when it alone
 * exceeds what is left, its middle is cut (the start usually states the problem, the end holds the
 * latest log lines). Replies after it are shortened the same way rather than dropped.
 */
export function fitMessagesToBudget(messages: BudgetMessage[], options: { maxTokens: number }): BudgetedMessages {
  const firstTurn = messages.findIndex((m) => m.role !== 'system')
  const pinned = firstTurn === -1 ? messages : messages.slice(0, firstTurn)
  const turns = firstTurn === -1 ? [] : messages.slice(firstTurn)

  const pinnedTokens = pinned.reduce((sum, m) => sum + messageTokens(m), 0)
  // Reserved up front so that adding the marker can never push the total over the budget.
  const markerTokens = messageTokens({ role: 'system', content: omittedMarker(turns.length) })
  let available = options.maxTokens - pinnedTokens - markerTokens

  const kept = new Map<number, BudgetMessage>()
  let truncated = false
  const keep = (i: number, message: BudgetMessage) => {
    kept.set(i, message)
    available -= messageTokens(message)
    truncated ||= message !== turns[i]
  }

  const newestUser = turns.findLastIndex((m) => m.role === 'user')
  let olderFrom = turns.length - 1
  if (newestUser !== -1) {
    keep(newestUser, fitContent(turns[newestUser]!, available))
    // The replies after it are the newest context: shortened rather than dropped while room is left.
    for (let i = turns.length - 1; i > newestUser; i--) {
      const fitted = fitContent(turns[i]!, available)
      if (messageTokens(fitted) <= available) keep(i, fitted)
    }
    olderFrom = newestUser - 1
  }
  // Newest first; the first turn that does not fit ends the walk, so what is dropped is always the
  // oldest part of the conversation (the marker says how much).
  for (let i = olderFrom; i >= 0; i--) {
    if (messageTokens(turns[i]!) > available) break
    keep(i, turns[i]!)
  }

  const keptTurns = [...kept.entries()].sort(([a], [b]) => a - b).map(([, m]) => m)
  const omitted = turns.length - keptTurns.length
  const marker: BudgetMessage[] = omitted > 0 ? [{ role: 'system', content: omittedMarker(omitted) }] : []
  return { messages: [...pinned, ...marker, ...keptTurns], omitted, truncated }
}

function fitContent(message: BudgetMessage, availableTokens: number): BudgetMessage {
  if (messageTokens(message) <= availableTokens) return message
  const cut = (n: number) => `\n[… ${n} characters omitted …]\n`
  const maxChars = Math.max(0, (availableTokens - MESSAGE_OVERHEAD_TOKENS) * CHARS_PER_TOKEN - cut(message.content.length).length)
  const head = Math.ceil(maxChars / 2)
  const tail = maxChars - head
  const content = message.content
  const omittedChars = content.length - head - tail
  return {
    ...message,
    content: content.slice(0, head) + cut(omittedChars) + (tail > 0 ? content.slice(content.length - tail) : ''),
  }
}
