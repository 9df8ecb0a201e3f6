import type { ProposedStep, TaskLaneEntry } from './assistant.ts'

/** Titles compared case-, punctuation- and whitespace-insensitively: "Restart the spooler." = "restart the Spooler". */
export function normalizeStepTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Steps whose title is not in the lane yet (whatever its status), nor repeated within `steps`. */
export function withoutStepsInLane(steps: ProposedStep[], lane: TaskLaneEntry[]): ProposedStep[] {
  const seen = new Set(lane.map((t) => normalizeStepTitle(t.title)))
  return steps.filter((step) => {
    const key = normalizeStepTitle(step.title)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
