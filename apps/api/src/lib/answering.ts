/**
 * A user message's `answeringSince` mark older than this belongs to a reply whose process
 * died; the model call times out long before, so a live reply never holds it this long.
 */
export const STALE_ANSWER_MS = 5 * 60_000

/** Whether a mark means "the assistant is answering this right now". */
export const isAnswering = (since: Date | null, now = Date.now()) => since !== null && now - since.getTime() < STALE_ANSWER_MS
