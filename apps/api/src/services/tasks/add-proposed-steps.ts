import type { ProposedStep } from '../../llm/assistant.ts'
import { normalizeStepTitle } from '../../llm/task-lane.ts'
import type { Tx } from '../../lib/outbox.ts'

/**
 * Appends the assistant's steps to the session's task lane, in order, skipping any step
 * already in the lane (same normalized title): the unique (sessionId, titleKey) index
 * backs this up if two replies race. Returns how many cards were added.
 */
export async function addProposedSteps(tx: Tx, sessionId: string, steps: ProposedStep[]): Promise<number> {
  if (steps.length === 0) return 0
  const existing = await tx.taskItem.findMany({ where: { sessionId }, select: { titleKey: true, position: true } })
  const seen = new Set(existing.map((t) => t.titleKey))
  let position = existing.reduce((max, t) => Math.max(max, t.position), -1)
  const data = []
  for (const step of steps) {
    const titleKey = normalizeStepTitle(step.title)
    if (!titleKey || seen.has(titleKey)) continue
    seen.add(titleKey)
    data.push({ sessionId, title: step.title.trim(), detail: step.detail.trim(), titleKey, position: ++position })
  }
  if (data.length === 0) return 0
  const { count } = await tx.taskItem.createMany({ data, skipDuplicates: true })
  return count
}
