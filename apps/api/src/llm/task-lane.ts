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
  return uniqueBy(steps, (step) => normalizeStepTitle(step.title), lane.map((t) => normalizeStepTitle(t.title)))
}

/** The first of `items` with each key (each key computed once), leaving out those with a key in `taken`. */
export function uniqueBy<T>(items: T[], key: (item: T) => string, taken: Iterable<string> = []): T[] {
  const seen = new Set(taken)
  return items.filter((item) => {
    const k = key(item)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
