import type { HandoffResponse, HandoffsResponse } from '@resolutionflow/shared/handoffs.ts'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getPendingHandoffs = async () =>
  (await api.get<HandoffsResponse>('/api/handoffs?status=pending')).handoffs

/** Longest waiting first: a queue, whatever order the server sent. */
const longestWaitingFirst = (handoffs: HandoffResponse[]) =>
  [...handoffs].sort((a, b) => a.created_at.localeCompare(b.created_at))

/** The organization's escalations waiting for a senior; `handoff_created` refetches it live, a claim or cancel drops its handoff in place (lib/sse.ts). */
export const getPendingHandoffsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.handoffs.list({ status: 'pending' }),
    queryFn: getPendingHandoffs,
    select: longestWaitingFirst,
  })

export const usePendingHandoffs = () => useQuery(getPendingHandoffsQueryOptions())
