import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { DEFAULT_METRICS_RANGE, isMetricsRange, type MetricsRangeDays } from '../utils/metrics-range.ts'

/** The chosen range lives in the URL (`?days=7`), so a link or a reload shows the same period. */
export function useMetricsRange() {
  const [searchParams, setSearchParams] = useSearchParams()
  const requested = Number(searchParams.get('days'))
  const days = isMetricsRange(requested) ? requested : DEFAULT_METRICS_RANGE

  const setDays = useCallback(
    (next: MetricsRangeDays) =>
      setSearchParams(
        (current) => {
          const params = new URLSearchParams(current)
          if (next === DEFAULT_METRICS_RANGE) params.delete('days')
          else params.set('days', String(next))
          return params
        },
        // Trying ranges is looking, not navigating: Back should leave the page.
        { replace: true },
      ),
    [setSearchParams],
  )

  return [days, setDays] as const
}
