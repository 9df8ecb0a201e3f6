import type { Assessment } from '@resolutionflow/shared/handoffs.ts'
import type { TaskStatus } from '@resolutionflow/shared/sessions.ts'

/**
 * The one seam between the product and a language model. Two implementations:
 * `openai-assistant.ts` (any OpenAI-compatible server, through the `openai` SDK) and
 * `offline-assistant.ts` (deterministic playbooks, the default without an API key).
 */
export interface Assistant {
  readonly kind: 'offline' | 'openai'
  /** A label for the UI, e.g. "Offline assistant" or the model name. */
  readonly label: string

  /**
   * Answers the conversation in prose, streamed through `onDelta`, and proposes concrete
   * steps for the task lane. Rejects with `LlmError` on timeout/failure; when `signal`
   * aborts, rejects with `LlmError` code `ABORTED` after delivering what was said so far.
   */
  reply(input: ConversationInput, options?: ReplyOptions): Promise<AssistantReply>

  /**
   * Exactly one structured model call: the assessment of an escalated session, validated
   * against `AssessmentSchema`. Throws `LlmError` (code `INVALID_OUTPUT` when the reply
   * does not validate); retrying is the caller's business, so one call is one request.
   */
  assess(input: AssessmentInput, options?: { signal?: AbortSignal }): Promise<Assessment>
}

export interface ChatTurn {
  role: 'user' | 'assistant'
  content: string
  /** Who wrote a user turn (the junior, or a senior who picked the session up). */
  authorName?: string
}

export interface TaskLaneEntry {
  title: string
  detail: string
  status: TaskStatus
}

export interface ConversationInput {
  title: string
  messages: ChatTurn[]
  taskLane: TaskLaneEntry[]
}

export interface AssessmentInput extends ConversationInput {
  escalatedBy: string
  note: string | null
  /** The organization's resolved sessions most like this one, best first, and what fixed them. */
  similar: Array<{ title: string; resolution_note: string }>
}

export interface ProposedStep {
  title: string
  detail: string
}

export interface AssistantReply {
  text: string
  steps: ProposedStep[]
}

export interface ReplyOptions {
  signal?: AbortSignal
  onDelta?: (text: string) => void
}

export type LlmErrorCode = 'TIMEOUT' | 'UPSTREAM' | 'INVALID_OUTPUT' | 'ABORTED'

export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'LlmError'
  }
}
