import type { SimilarSessionsResponse } from '@resolutionflow/shared/handoffs.ts'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getSimilarSessions = (handoffId: string) =>
  api.get<SimilarSessionsResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/similar`)

/** The organization's resolved sessions most like this handoff's, best first (at most 3). */
export const getSimilarSessionsQueryOptions = (handoffId: string) =>
  queryOptions({ queryKey: queryKeys.handoffs.similar(handoffId), queryFn: () => getSimilarSessions(handoffId), staleTime: 60_000 })

export const useSimilarSessions = (handoffId: string) => useQuery(getSimilarSessionsQueryOptions(handoffId))
