import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import type { EscalationMetrics } from '@resolutionflow/shared/metrics.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { metricsRangeBounds, type MetricsRangeDays } from '../utils/metrics-range.ts'

export const getEscalationMetrics = (range: { from: string; to: string }, options?: { signal?: AbortSignal }) =>
  api.get<EscalationMetrics>(`/api/metrics/escalations?${new URLSearchParams(range)}`, options)

export const getEscalationMetricsQueryOptions = (days: MetricsRangeDays) =>
  queryOptions({
    // Keyed by the range's length, not its bounds: the window ends at each fetch,
    // so a refetch after a live event takes in the escalation that caused it.
    queryKey: queryKeys.metrics.escalations({ days }),
    queryFn: ({ signal }) => getEscalationMetrics(metricsRangeBounds(days, new Date()), { signal }),
  })

/** The team's escalation figures for the last `days` days (admins only: others get a 403). */
export const useEscalationMetrics = (days: MetricsRangeDays) =>
  useQuery({
    ...getEscalationMetricsQueryOptions(days),
    // Switching ranges keeps the previous figures on screen (dimmed) instead of flashing the skeleton.
    placeholderData: keepPreviousData,
  })
