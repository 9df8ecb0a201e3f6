const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

/**
 * How long after its end a stretch is stored: no transaction that writes into it can still be
 * running (the triggers log changes to a stretch only once it is over).
 */
export const SETTLED_MS = 10 * 60 * 1000

/**
 * Stored stretches come in aligned power-of-two sizes, as in a segment tree, so any period is a
 * handful of them (a year about a dozen) plus less than an hour at each end. Days: 1 to 256 days,
 * aligned to the day count since 1970 (a multiple of their size); hours: 1 to 16 hours within a
 * day, starting at a multiple of their size. `metrics_changed` in the migration `metrics_days`
 * logs changes for the same sizes.
 */
const DAY_SIZES = [256, 128, 64, 32, 16, 8, 4, 2, 1]
const HOUR_SIZES = [16, 8, 4, 2, 1]

/** A stored stretch: `hours` long (24 × days for days) from `start` (UTC). */
export interface Stretch {
  hours: number
  start: Date
}

/**
 * A period in stretches: the whole days in it that are over, the whole hours of what is left,
 * and the rest (less than an hour at each end, and the last minutes) read from the rows.
 */
export function splitPeriod(from: Date, to: Date, now: Date) {
  const settled = now.getTime() - SETTLED_MS
  const stored: Stretch[] = []
  const live: Array<[Date, Date]> = []

  /** Covers [a, b) with the largest `aligned` stretches of `unit` ms that fit; `rest` gets what is left. */
  const cover = (a: number, b: number, unit: number, sizes: number[], aligned: (index: number, size: number) => boolean, rest: (a: number, b: number) => void) => {
    let i = Math.ceil(a / unit)
    const end = Math.min(Math.floor(b / unit), Math.floor(settled / unit))
    if (i >= end) return rest(a, b)
    if (a < i * unit) rest(a, i * unit)
    while (i < end) {
      const size = sizes.find((s) => i + s <= end && aligned(i, s))!
      stored.push({ hours: (size * unit) / HOUR_MS, start: new Date(i * unit) })
      i += size
    }
    if (end * unit < b) rest(end * unit, b)
  }
  const byRows = (a: number, b: number) => void live.push([new Date(a), new Date(b)])
  // Hours start at a multiple of their size within their day, and stay in it (16:00 + 16 h does not).
  const hourOfDay = (hour: number, size: number) => (hour % 24) % size === 0 && (hour % 24) + size <= 24
  const byHours = (a: number, b: number) => cover(a, b, HOUR_MS, HOUR_SIZES, hourOfDay, byRows)
  cover(from.getTime(), to.getTime(), DAY_MS, DAY_SIZES, (day, size) => day % size === 0, byHours)
  return { stored, live: live.sort((x, y) => x[0].getTime() - y[0].getTime()) }
}

export const startOfDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS)
