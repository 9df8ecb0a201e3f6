import { setImmediate as nextTick, setTimeout as sleep } from 'node:timers/promises'
import { LlmError, type Assistant, type AssistantReply, type ConversationInput, type TaskLaneEntry } from './assistant.ts'
import { buildOfflineAssessment } from './offline-assessment.ts'
import { GENERIC_PLAYBOOK, matchPlaybook } from './playbooks.ts'
import { normalizeStepTitle, withoutStepsInLane } from './task-lane.ts'

export interface OfflineAssistantOptions {
  /**
   * Pause between streamed chunks. 0 (the default) only yields to the event loop, so tests run at
   * full speed; a few milliseconds make the reply visibly stream in the UI.
   */
  chunkDelayMs?: number
}

const MAX_FOLLOW_UP_STEPS = 3

/** Deterministic, no network: built-in playbooks for common MSP problems, streamed word by word. */
export function createOfflineAssistant(options: OfflineAssistantOptions = {}): Assistant {
  const chunkDelayMs = options.chunkDelayMs ?? 0

  return {
    kind: 'offline',
    label: 'Offline assistant',

    async reply(input, { signal, onDelta } = {}) {
      throwIfAborted(signal)
      const reply = composeOfflineReply(input)
      for (const chunk of splitIntoChunks(reply.text)) {
        await (chunkDelayMs > 0 ? sleep(chunkDelayMs) : nextTick())
        // Checked between chunks: on abort, what was already delivered stays delivered.
        throwIfAborted(signal)
        onDelta?.(chunk)
      }
      return reply
    },

    async assess(input, { signal } = {}) {
      throwIfAborted(signal)
      return buildOfflineAssessment(input)
    },
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LlmError('ABORTED', 'The reply was aborted', { cause: signal.reason })
}

/** Word-sized chunks (each word with the whitespace after it) that concatenate back to `text`. */
export function splitIntoChunks(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? []
}

/**
 * The offline answer to the conversation so far. The first time a playbook comes up it gives the
 * playbook's answer and first steps; once its steps are in the lane it acknowledges what was done
 * or skipped and offers the next steps it has not proposed yet, and, when it has none left, a
 * follow-up question and the advice to escalate.
 */
export function composeOfflineReply(input: ConversationInput): AssistantReply {
  const playbook = matchPlaybook(input)?.playbook ?? GENERIC_PLAYBOOK
  const lane = input.taskLane
  const laneTitles = new Set(lane.map((t) => normalizeStepTitle(t.title)))
  const playbookStarted = [...playbook.steps, ...playbook.nextSteps].some((s) =>
    laneTitles.has(normalizeStepTitle(s.title)),
  )

  const progress = describeProgress(lane)
  const parts: string[] = []
  let steps = withoutStepsInLane(playbook.steps, lane)

  if (!playbookStarted) {
    parts.push(`**${playbook.name}**`, playbook.answer)
    if (progress) parts.push(`Where the earlier steps stand:\n${progress}`)
  } else {
    parts.push(progress ? `Thanks for the update. Where the task lane stands:\n${progress}` : 'Thanks for the update.')
    if (steps.length === 0) steps = withoutStepsInLane(playbook.nextSteps, lane)
    steps = steps.slice(0, MAX_FOLLOW_UP_STEPS)
  }

  if (steps.length > 0) {
    const noun = steps.length === 1 ? 'step' : 'steps'
    const more = playbookStarted ? ' more' : ''
    parts.push(`I've added ${steps.length}${more} ${noun} to the task lane, starting with **${steps[0]!.title}**.`)
    parts.push(`**To narrow it down:** ${playbook.followUpQuestion}`)
  } else {
    parts.push(
      `That covers what my "${playbook.name}" playbook suggests, so I have no new steps to add.`,
      `**Question:** ${playbook.followUpQuestion}`,
      'If the open steps do not solve it, escalate to a senior: the handoff will carry the task lane with what was done and skipped.',
    )
  }

  return { text: parts.join('\n\n'), steps }
}

/** Where the task lane stands, as a Markdown list; empty when the lane is. */
function describeProgress(lane: TaskLaneEntry[]): string {
  const done = lane.filter((t) => t.status === 'done')
  const skipped = lane.filter((t) => t.status === 'skipped')
  const todo = lane.filter((t) => t.status === 'todo')
  const lines: string[] = []
  if (done.length) lines.push(`- Done: ${listTitles(done)}`)
  if (skipped.length) lines.push(`- Skipped: ${listTitles(skipped)} (worth a second look if the rest does not help)`)
  if (todo.length) lines.push(`- Still open: ${listTitles(todo)}`)
  return lines.join('\n')
}

function listTitles(entries: TaskLaneEntry[]): string {
  return entries.map((t) => `"${t.title}"`).join(', ')
}
