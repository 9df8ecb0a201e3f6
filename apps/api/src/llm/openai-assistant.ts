import OpenAI, { APIConnectionTimeoutError, APIError } from 'openai'
import type { ChatCompletion, ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import { z } from 'zod'
import { AssessmentSchema, type Assessment } from '@resolutionflow/shared/handoffs.ts'
import { LlmError, type AssessmentInput, type Assistant, type ConversationInput, type ProposedStep } from './assistant.ts'
import { fitMessagesToBudget, type BudgetMessage } from './context-budget.ts'
import {
  ASSESSMENT_SYSTEM_PROMPT,
  REPLY_SYSTEM_PROMPT,
  renderAssessmentHeader,
  renderReplyContext,
  renderTranscript,
} from './prompts.ts'
import { withoutStepsInLane } from './task-lane.ts'
import { toStrictJsonSchema } from './to-strict-json-schema.ts'

export interface OpenAiAssistantOptions {
  apiKey: string
  /** Any OpenAI-compatible server (Ollama, vLLM, LM Studio…), e.g. `http://localhost:11434/v1`. */
  baseURL?: string
  model: string
  /**
   * How long a request may wait for the response to start (the SDK's `timeout`, per attempt),
   * how long a reply stream may stall between chunks, and the whole budget of `assess()`.
   */
  timeoutMs?: number
  /** Transport retries of `reply()`, with the SDK's exponential backoff. `assess()` never retries. */
  maxRetries?: number
  /** Token budget of what is sent to the model (see `context-budget.ts`). */
  maxContextTokens?: number
}

const DEFAULT_TIMEOUT_MS = 60_000
const DEFAULT_MAX_RETRIES = 2
// Small enough for local models with an 8k context window, large enough for a long session.
const DEFAULT_MAX_CONTEXT_TOKENS = 6_000
const MAX_STEPS_PER_REPLY = 8

const ProposeStepsArgsSchema = z.object({
  steps: z.array(
    z.object({
      title: z.string().trim().min(1).max(200),
      detail: z.string().trim().max(2000),
    }),
  ),
})

const PROPOSE_STEPS_TOOL: ChatCompletionFunctionTool = {
  type: 'function',
  function: {
    name: 'propose_steps',
    description:
      'Add concrete next troubleshooting steps to the task lane shown beside the chat. ' +
      'Title: short imperative. Detail: exact commands, console or menu paths.',
    strict: true,
    parameters: toStrictJsonSchema(ProposeStepsArgsSchema),
  },
}

const ASSESSMENT_RESPONSE_FORMAT = {
  type: 'json_schema',
  json_schema: { name: 'handoff_assessment', strict: true, schema: toStrictJsonSchema(AssessmentSchema) },
} as const

export function createOpenAiAssistant(options: OpenAiAssistantOptions): Assistant {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxContextTokens = options.maxContextTokens ?? DEFAULT_MAX_CONTEXT_TOKENS
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: timeoutMs,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  })

  return {
    kind: 'openai',
    label: options.model,

    async reply(input, { signal, onDelta } = {}) {
      // The SDK's timeout stops at the response headers; this one catches a stream that stalls after them.
      const stall = new AbortController()
      let stallTimer: NodeJS.Timeout | undefined
      const armStallTimer = () => {
        clearTimeout(stallTimer)
        stallTimer = setTimeout(() => stall.abort(), timeoutMs)
      }

      let text = ''
      const toolCalls = new Map<number, { name: string; args: string }>()
      try {
        const stream = await client.chat.completions.create(
          {
            model: options.model,
            messages: buildReplyMessages(input, maxContextTokens),
            stream: true,
            tools: [PROPOSE_STEPS_TOOL],
            tool_choice: 'auto',
          },
          { signal: signal ? AbortSignal.any([signal, stall.signal]) : stall.signal },
        )
        armStallTimer()
        for await (const chunk of stream) {
          // Events already buffered when the caller aborts are not delivered any more.
          if (signal?.aborted) break
          armStallTimer()
          const delta = chunk.choices[0]?.delta
          if (!delta) continue
          if (delta.content) {
            text += delta.content
            onDelta?.(delta.content)
          }
          // Tool-call arguments arrive as string fragments keyed by the call's index.
          for (const call of delta.tool_calls ?? []) {
            const acc = toolCalls.get(call.index) ?? { name: '', args: '' }
            if (call.function?.name) acc.name = call.function.name
            if (call.function?.arguments) acc.args += call.function.arguments
            toolCalls.set(call.index, acc)
          }
        }
      } catch (error) {
        throw toLlmError(error, signal, stall.signal)
      } finally {
        clearTimeout(stallTimer)
      }
      // The SDK ends the iteration quietly when its request is aborted, so an abort mid-stream
      // shows here rather than as an exception. What was said so far already went to onDelta.
      if (signal?.aborted) throw new LlmError('ABORTED', 'The reply was aborted')
      if (stall.signal.aborted) throw new LlmError('TIMEOUT', `The reply stream stalled for ${timeoutMs} ms`)

      const steps = withoutStepsInLane(parseProposedSteps([...toolCalls.values()]), input.taskLane).slice(
        0,
        MAX_STEPS_PER_REPLY,
      )
      if (!text.trim()) {
        if (steps.length === 0) throw new LlmError('INVALID_OUTPUT', 'The model sent an empty reply')
        // Some models answer with the tool call alone; the chat still needs a message to show.
        text = `I've added ${steps.length} step${steps.length === 1 ? '' : 's'} to the task lane.`
        onDelta?.(text)
      }
      return { text, steps }
    },

    async assess(input, { signal } = {}) {
      // A non-streamed completion starts its response only when it is finished, so timeoutMs
      // bounds the whole call; the deadline also covers a body that stalls after the headers.
      const deadline = AbortSignal.timeout(timeoutMs)
      let completion: ChatCompletion
      try {
        completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: buildAssessmentMessages(input, maxContextTokens),
            response_format: ASSESSMENT_RESPONSE_FORMAT,
          },
          // One call is one request: the assess-handoff job owns retries, backoff and their count.
          { signal: signal ? AbortSignal.any([signal, deadline]) : deadline, maxRetries: 0 },
        )
      } catch (error) {
        throw toLlmError(error, signal, deadline)
      }
      return parseAssessment(completion)
    },
  }
}

function toChatMessage(message: BudgetMessage): ChatCompletionMessageParam {
  return { role: message.role, content: message.content }
}

function buildReplyMessages(input: ConversationInput, maxTokens: number): ChatCompletionMessageParam[] {
  const { messages } = fitMessagesToBudget(
    [{ role: 'system', content: `${REPLY_SYSTEM_PROMPT}\n\n${renderReplyContext(input)}` }, ...input.messages],
    { maxTokens },
  )
  return messages.map(toChatMessage)
}

/**
 * The conversation goes in as a transcript inside one user message: the assessing model reads it
 * as material, instead of continuing it as the assistant.
 */
function buildAssessmentMessages(input: AssessmentInput, maxTokens: number): ChatCompletionMessageParam[] {
  const header = renderAssessmentHeader(input)
  const { messages } = fitMessagesToBudget(
    [{ role: 'system', content: ASSESSMENT_SYSTEM_PROMPT }, { role: 'system', content: header }, ...input.messages],
    { maxTokens },
  )
  const transcript = renderTranscript(messages.slice(2))
  return [
    { role: 'system', content: ASSESSMENT_SYSTEM_PROMPT },
    { role: 'user', content: `${header}\n\nConversation transcript:\n\n${transcript}\n\nWrite the assessment.` },
  ]
}

/**
 * Steps from the `propose_steps` calls. A call whose arguments are not valid JSON or do not match
 * the schema contributes no steps: the prose is already on the engineer's screen and stays the
 * answer, and a half-understood step in the lane would be worse than none.
 */
function parseProposedSteps(calls: Array<{ name: string; args: string }>): ProposedStep[] {
  const steps: ProposedStep[] = []
  for (const call of calls) {
    if (call.name !== PROPOSE_STEPS_TOOL.function.name) continue
    let args: unknown
    try {
      args = JSON.parse(call.args)
    } catch {
      continue
    }
    const parsed = ProposeStepsArgsSchema.safeParse(args)
    if (parsed.success) steps.push(...parsed.data.steps)
  }
  return steps
}

function parseAssessment(completion: ChatCompletion): Assessment {
  const choice = completion.choices[0]
  if (choice?.message.refusal) {
    throw new LlmError('INVALID_OUTPUT', `The model refused to write the assessment: ${choice.message.refusal}`)
  }
  if (choice?.finish_reason === 'length') {
    throw new LlmError('INVALID_OUTPUT', 'The assessment was cut off at the token limit')
  }
  const content = choice?.message.content
  if (!content) throw new LlmError('INVALID_OUTPUT', 'The model sent an empty assessment')

  let data: unknown
  try {
    data = JSON.parse(content)
  } catch (error) {
    throw new LlmError('INVALID_OUTPUT', 'The assessment is not valid JSON', { cause: error })
  }
  const parsed = AssessmentSchema.safeParse(data)
  if (!parsed.success) {
    throw new LlmError('INVALID_OUTPUT', `The assessment does not match the schema:\n${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    })
  }
  return parsed.data
}

/** `deadline`: our own timer's signal, whose abort means TIMEOUT rather than ABORTED. */
function toLlmError(error: unknown, signal: AbortSignal | undefined, deadline: AbortSignal): LlmError {
  if (error instanceof LlmError) return error
  if (signal?.aborted) return new LlmError('ABORTED', 'The request was aborted', { cause: error })
  // Checked before APIError: the SDK's timeout error is an APIError (a connection error) too.
  if (error instanceof APIConnectionTimeoutError || deadline.aborted) {
    return new LlmError('TIMEOUT', 'The model server did not answer in time', { cause: error })
  }
  if (error instanceof APIError) {
    const status = error.status ? ` (HTTP ${error.status})` : ''
    return new LlmError('UPSTREAM', `The model server failed${status}: ${error.message}`, { cause: error })
  }
  // Connection resets mid-stream, unparsable stream chunks.
  return new LlmError('UPSTREAM', 'The model server sent no usable reply', { cause: error })
}
