/** What a figure shows when the period has nothing to measure. */
export const NO_DATA = '—'

/** "45 s", "3 min", "1 h 5 min", "2 h"; `NO_DATA` for null. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NO_DATA
  // Round once, up front, so 59.6 s reads "1 min" rather than "60 s".
  const wholeSeconds = Math.round(seconds)
  if (wholeSeconds < 60) return `${wholeSeconds} s`
  const minutes = Math.round(wholeSeconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}
