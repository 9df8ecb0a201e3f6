export const METRICS_RANGES = [7, 30, 90] as const
export type MetricsRangeDays = (typeof METRICS_RANGES)[number]
export const DEFAULT_METRICS_RANGE: MetricsRangeDays = 30

export const isMetricsRange = (value: number): value is MetricsRangeDays =>
  (METRICS_RANGES as readonly number[]).includes(value)

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * "Last N days" is today so far plus the N-1 whole days before it. The API
 * buckets escalations by UTC day from the start of `from`'s day, so starting at
 * a UTC midnight gives exactly N bars, none of them a partial first day.
 */
export function metricsRangeBounds(days: MetricsRangeDays, now: Date): { from: string; to: string } {
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return { from: new Date(startOfToday - (days - 1) * DAY_MS).toISOString(), to: now.toISOString() }
}
