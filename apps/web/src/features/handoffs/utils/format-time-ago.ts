const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const dateFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' })
const dateWithYearFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric' })

/**
 * "just now", "2 min ago", "3 hr ago", "yesterday", "4 days ago", then a date.
 * A timestamp slightly in the future (client clock behind the server's) reads "just now".
 */
export function formatTimeAgo(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime()
  if (Number.isNaN(then)) return ''
  const elapsed = now - then
  if (elapsed < 45_000) return 'just now'
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`
  if (elapsed < DAY) return `${Math.round(elapsed / HOUR)} hr ago`
  if (elapsed < 2 * DAY) return 'yesterday'
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)} days ago`
  const date = new Date(then)
  return date.getFullYear() === new Date(now).getFullYear() ? dateFormat.format(date) : dateWithYearFormat.format(date)
}

/** The full local date and time, for a `title` on the relative one. */
export const formatDateTime = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
