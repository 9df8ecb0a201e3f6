const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

/**
 * How long after its end a stretch is stored: no transaction that writes into it can still be
 * running (the triggers log changes to a stretch only once it is over).
 */
export const SETTLED_MS = 10 * 60 * 1000

/** Stored figures: `hours` (24: a day, 1: an hour) per stretch, from `from` to `to`, on UTC boundaries. */
export interface StoredRange {
  hours: 24 | 1
  from: Date
  to: Date
}

/**
 * A period in stretches: the whole days in it that are over, the whole hours of what is left,
 * and the rest (less than an hour at each end, and the last minutes) read from the rows.
 */
export function splitPeriod(from: Date, to: Date, now: Date) {
  const settled = now.getTime() - SETTLED_MS
  const stored: StoredRange[] = []
  const live: Array<[Date, Date]> = []

  const split = (a: number, b: number, hours: 24 | 1, rest: (a: number, b: number) => void) => {
    const size = hours * HOUR_MS
    const lo = Math.ceil(a / size) * size
    const hi = Math.min(Math.floor(b / size) * size, Math.floor(settled / size) * size)
    if (lo >= hi) return rest(a, b)
    stored.push({ hours, from: new Date(lo), to: new Date(hi) })
    if (a < lo) rest(a, lo)
    if (hi < b) rest(hi, b)
  }
  const byRows = (a: number, b: number) => void live.push([new Date(a), new Date(b)])
  split(from.getTime(), to.getTime(), 24, (a, b) => split(a, b, 1, byRows))
  return { stored, live }
}

/** Each day or hour of a stored range. */
export function storedStretches({ hours, from, to }: StoredRange) {
  const stretches: Array<{ hours: 24 | 1; start: Date }> = []
  for (let t = from.getTime(); t < to.getTime(); t += hours * HOUR_MS) stretches.push({ hours, start: new Date(t) })
  return stretches
}

export const startOfDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS)
