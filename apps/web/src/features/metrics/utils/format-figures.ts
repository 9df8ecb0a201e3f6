const numberFormat = new Intl.NumberFormat()
// The API's days are UTC dates ("2026-03-01"): format them in UTC so no time zone shifts them by one.
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' })

export const formatCount = (value: number) => numberFormat.format(value)

/** "Mar 1" for the API's `2026-03-01`. */
export const formatDay = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`))

/** "1 escalation", "3 escalations". */
export const pluralize = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`

/** Whole-number share, 0 when there is nothing to share. */
export const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100))
