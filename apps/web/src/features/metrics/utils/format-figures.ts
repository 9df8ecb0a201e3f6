const numberFormat = new Intl.NumberFormat()
// The API's days are UTC dates ("2026-03-01"): format them in UTC so no time zone shifts them by one.
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })

export const formatCount = (value: number) => numberFormat.format(value)

/** "Mar 1" for the API's `2026-03-01`. */
export const formatDay = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`))

/**
 * A noun whose plural is not its singular plus "s", spelt out: "problem reported" becomes
 * "problems reported", not "problem reporteds".
 */
export type Noun = { one: string; other: string }

/** "1 escalation", "3 escalations"; "8 problems reported" for `{ one: 'problem reported', other: 'problems reported' }`. */
export const pluralize = (count: number, noun: string | Noun) => {
  const { one, other } = typeof noun === 'string' ? { one: noun, other: `${noun}s` } : noun
  return `${formatCount(count)} ${count === 1 ? one : other}`
}

/** Whole-number share, 0 when there is nothing to share. */
export const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100))
