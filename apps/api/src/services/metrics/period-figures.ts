/**
 * The figures `metrics_figures` (migration `metrics_days`) computes for a stretch of time, and
 * how the stretches of one period (stored days, and the edges computed from the rows) add up.
 */

/** [bucket, count, smallest, largest]: values within 2% of each other share a bucket. */
export type Bucket = [key: number, count: number, min: number, max: number]

export interface StretchFigures {
  escalations: number
  claimed: number
  continue: number
  ai_analysis: number
  own: number
  failures: number
  cancelled: number
  by_day: Array<[date: string, escalations: number, claimed: number]>
  claim: Bucket[]
  assessment: Bucket[]
  declines: { not_my_area: number; busy: number; other: number }
  feedback: { rated: number; useful: number; wrong_cause: number; missing_facts: number; already_tried: number }
  /** Sessions first escalated in this stretch with no escalation before it. */
  sessions: number
  resolved: number
  resolve: Bucket[]
  root_causes: Array<[cause: string | null, count: number]>
  /** Sessions first escalated here that were escalated before too: each counts here unless that earlier escalation is in the period. */
  repeat: Array<[previous: string, resolved: boolean, cause: string | null, seconds: number | null]>
}

/** The same bucket as the database's `metrics_bucket`. */
const bucketOf = (seconds: number) => (seconds > 0 ? Math.floor(Math.log(seconds) / Math.log(1.02)) : -100000)

class Histogram {
  readonly #buckets = new Map<number, Bucket>()
  #n = 0

  add([key, count, min, max]: Bucket) {
    const b = this.#buckets.get(key)
    this.#buckets.set(key, b ? [key, b[1] + count, Math.min(b[2], min), Math.max(b[3], max)] : [key, count, min, max])
    this.#n += count
  }

  static of(...lists: Bucket[][]) {
    const histogram = new Histogram()
    for (const list of lists) for (const b of list) histogram.add(b)
    return histogram
  }

  buckets() {
    return [...this.#buckets.values()].sort((a, b) => a[0] - b[0])
  }

  /**
   * The value at 0-based rank `i`: exact in a bucket of one or two values (its smallest and
   * largest), else placed between them by rank.
   */
  #at(i: number) {
    let before = 0
    for (const [, count, min, max] of this.buckets()) {
      if (i < before + count) return count === 1 ? min : min + ((max - min) * (i - before)) / (count - 1)
      before += count
    }
    return null
  }

  /** Nearest rank, as `percentile_disc`: the value at rank ceil(p·n). */
  discrete(p: number) {
    return this.#n === 0 ? null : this.#at(Math.max(Math.ceil(p * this.#n), 1) - 1)
  }

  /** Interpolated, as `percentile_cont`. */
  continuous(p: number) {
    if (this.#n === 0) return null
    const h = (this.#n - 1) * p
    const lo = this.#at(Math.floor(h))!
    return lo + (h - Math.floor(h)) * (this.#at(Math.ceil(h))! - lo)
  }
}

const COUNTS = ['escalations', 'claimed', 'continue', 'ai_analysis', 'own', 'failures', 'cancelled', 'sessions', 'resolved'] as const

/** Adds up a period's stretches; `from` is the period's start (a repeat session escalated since then counts at that escalation). */
export function addStretches(stretches: StretchFigures[], from: Date) {
  const sum = Object.fromEntries(COUNTS.map((key) => [key, 0])) as Record<(typeof COUNTS)[number], number>
  const declines = { not_my_area: 0, busy: 0, other: 0 }
  const feedback = { rated: 0, useful: 0, wrong_cause: 0, missing_facts: 0, already_tried: 0 }
  const byDay = new Map<string, { escalations: number; claimed: number }>()
  const rootCauses = new Map<string | null, number>()
  const claim = new Histogram()
  const assessment = new Histogram()
  const resolve = new Histogram()

  for (const s of stretches) {
    for (const key of COUNTS) sum[key] += s[key]
    for (const key of Object.keys(declines) as Array<keyof typeof declines>) declines[key] += s.declines[key]
    for (const key of Object.keys(feedback) as Array<keyof typeof feedback>) feedback[key] += s.feedback[key]
    for (const [date, n, c] of s.by_day) {
      const day = byDay.get(date) ?? { escalations: 0, claimed: 0 }
      byDay.set(date, { escalations: day.escalations + n, claimed: day.claimed + c })
    }
    for (const b of s.claim) claim.add(b)
    for (const b of s.assessment) assessment.add(b)
    for (const b of s.resolve) resolve.add(b)
    for (const [cause, n] of s.root_causes) rootCauses.set(cause, (rootCauses.get(cause) ?? 0) + n)
    for (const [previous, isResolved, cause, seconds] of s.repeat) {
      if (new Date(previous) >= from) continue // counted at that earlier escalation, in the period
      sum.sessions += 1
      if (!isResolved) continue
      sum.resolved += 1
      rootCauses.set(cause, (rootCauses.get(cause) ?? 0) + 1)
      if (seconds !== null) resolve.add([bucketOf(seconds), 1, seconds, seconds])
    }
  }
  return { ...sum, declines, feedback, byDay, rootCauses, claim, assessment, resolve }
}

/**
 * A stretch's figures from those of its two halves, `first` starting at `start`: what
 * `metrics_figures` gives for the whole, so a long stretch is rebuilt from its halves instead
 * of from its rows. A session of `second` whose escalation before it falls in `first` is
 * counted there.
 */
export function joinHalves(first: StretchFigures, second: StretchFigures, start: Date): StretchFigures {
  const counts = Object.fromEntries(COUNTS.map((key) => [key, first[key] + second[key]])) as Record<(typeof COUNTS)[number], number>
  const add = <T extends Record<string, number>>(a: T, b: T) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! + b[k]!])) as T
  const byDay = new Map<string, [string, number, number]>()
  for (const [date, n, c] of [...first.by_day, ...second.by_day]) {
    const day = byDay.get(date)
    byDay.set(date, day ? [date, day[1] + n, day[2] + c] : [date, n, c])
  }
  const rootCauses = new Map<string | null, number>()
  for (const [cause, n] of [...first.root_causes, ...second.root_causes]) rootCauses.set(cause, (rootCauses.get(cause) ?? 0) + n)
  return {
    ...counts,
    by_day: [...byDay.values()].sort((a, b) => a[0].localeCompare(b[0])),
    claim: Histogram.of(first.claim, second.claim).buckets(),
    assessment: Histogram.of(first.assessment, second.assessment).buckets(),
    declines: add(first.declines, second.declines),
    feedback: add(first.feedback, second.feedback),
    resolve: Histogram.of(first.resolve, second.resolve).buckets(),
    root_causes: [...rootCauses],
    repeat: [...first.repeat, ...second.repeat.filter(([previous]) => new Date(previous) < start)],
  }
}
