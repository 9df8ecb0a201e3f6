import { AssessmentSchema, type Assessment } from '@resolutionflow/shared/handoffs.ts'
import type { AssessmentInput } from './assistant.ts'
import { GENERIC_PLAYBOOK, matchPlaybook, type PlaybookMatch } from './playbooks.ts'
import { normalizeStepTitle, uniqueBy, withoutStepsInLane } from './task-lane.ts'

const MAX_FACTS = 10
const MAX_SUGGESTED_STEPS = 8

/**
 * An extractive assessment: it only rearranges what the session already holds (the engineer's own
 * statements, the task lane, the note) and the matched playbook's likely cause and next steps.
 * It invents nothing, which is the honest thing to do without a model.
 */
export function buildOfflineAssessment(input: AssessmentInput): Assessment {
  const match = matchPlaybook(input)
  const playbook = match?.playbook ?? GENERIC_PLAYBOOK
  const userTurns = input.messages.filter((m) => m.role === 'user')
  const done = input.taskLane.filter((t) => t.status === 'done')
  const skipped = input.taskLane.filter((t) => t.status === 'skipped')
  const todo = input.taskLane.filter((t) => t.status === 'todo')

  const summary: string[] = [`${input.escalatedBy} escalated "${clip(input.title, 200)}".`]
  const firstReport = userTurns[0]?.content.trim()
  if (firstReport) summary.push(`The problem as first reported: ${quoted(clip(firstReport, 600))}`)
  const note = input.note?.trim()
  if (note) summary.push(`Their note: ${quoted(clip(note, 600))}`)
  summary.push(
    input.taskLane.length
      ? `${done.length} of ${input.taskLane.length} task-lane steps done, ${skipped.length} skipped, ${todo.length} open.`
      : 'No task-lane steps were worked yet.',
  )
  summary.push(
    match
      ? `The conversation matches the offline "${playbook.name}" playbook.`
      : 'The conversation does not match any offline playbook.',
  )

  const whatWeKnow = [
    ...extractStatements(userTurns.map((t) => t.content)),
    ...done.map((t) => `Done: ${clip(t.title, 300)}`),
    ...skipped.map((t) => `Skipped: ${clip(t.title, 300)}`),
  ].slice(0, 20)

  // The closest past resolution is the strongest lead the offline assistant has: cite it.
  const closest = input.similar[0]
  if (closest) summary.push(`A similar session ("${clip(closest.title, 200)}") was resolved before.`)

  // Open lane items keep their exact title, so the UI can match each chip to its task-lane card.
  // One step once, however it came (a playbook step worded as an open card's title).
  const suggested = uniqueBy([
    ...todo.map((t) => clip(t.title, 1000)),
    // Two past sessions fixed the same way are one suggestion (the closer one's).
    ...uniqueBy(input.similar, (s) => normalizeStepTitle(s.resolution_note))
      .slice(0, 2)
      .map((s) => clip(`Try what fixed "${s.title}": ${s.resolution_note}`, 1000)),
    ...withoutStepsInLane([...playbook.steps, ...playbook.nextSteps], input.taskLane).map((s) =>
      clip(`${s.title}: ${s.detail}`, 1000),
    ),
  ], normalizeStepTitle).slice(0, MAX_SUGGESTED_STEPS)

  // Parsed rather than cast: the wire schema's limits (lengths, counts) are checked here too.
  return AssessmentSchema.parse({
    summary_prose: clip(summary.join(' '), 4000),
    what_we_know: whatWeKnow,
    likely_cause: closest
      ? clip(`${playbook.likelyCause} A similar session ("${clip(closest.title, 200)}") was resolved by: ${closest.resolution_note}`, 2000)
      : playbook.likelyCause,
    suggested_steps: suggested,
    confidence: confidenceOf(match),
  })
}

/**
 * The engineer's own statements, sentence by sentence, newest kept when there are many. Questions
 * and pleasantries are left out: they are not facts.
 */
function extractStatements(turns: string[]): string[] {
  const seen = new Set<string>()
  const statements: string[] = []
  for (const turn of turns) {
    for (const raw of turn.split(/(?<=[.!])\s+|\n+/)) {
      const sentence = raw.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim()
      if (sentence.length < 12 || sentence.endsWith('?')) continue
      if (/^(?:hi|hello|hey|thanks|thank you|ok|okay)\b/i.test(sentence) && sentence.length < 40) continue
      const key = normalizeStepTitle(sentence)
      if (seen.has(key)) continue
      seen.add(key)
      statements.push(clip(sentence, 400))
    }
  }
  return statements.slice(-MAX_FACTS)
}

function confidenceOf(match: PlaybookMatch | null): Assessment['confidence'] {
  if (!match) return 'low'
  const clearWinner = match.runnerUpScore <= match.score / 2
  if (match.score >= 8 && clearWinner) return 'high'
  if (match.score >= 4) return 'medium'
  return 'low'
}

/** In quotes, as a sentence: its own closing mark (".", "!", "?", "…") ends it, or a period does. */
function quoted(text: string): string {
  const trimmed = text.trimEnd()
  return /[.!?…]$/.test(trimmed) ? `"${trimmed}"` : `"${trimmed}".`
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}
