import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getHandoff = (handoffId: string) =>
  api.get<HandoffResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}`)

export const getHandoffQueryOptions = (handoffId: string) =>
  queryOptions({
    queryKey: queryKeys.handoffs.detail(handoffId),
    queryFn: () => getHandoff(handoffId),
    // `handoff_assessment_ready` invalidates this key; polling slowly while the
    // assessment runs only covers a dropped live connection.
    refetchInterval: (query) => (query.state.data?.assessment_status === 'pending' ? 15_000 : false),
  })

type UseHandoffOptions = {
  handoffId: string
  /** What the page already has (e.g. from the session detail): shown at once, refreshed in the background. */
  initialData?: HandoffResponse
}

/**
 * The handoff as the server has it now. Everything that shows a handoff reads it
 * through this query, so a live event that invalidates the key re-renders them all.
 */
export function useHandoff({ handoffId, initialData }: UseHandoffOptions) {
  return useQuery({
    ...getHandoffQueryOptions(handoffId),
    initialData,
    // The page's copy may be old: treat it as stale so it is refreshed on mount.
    initialDataUpdatedAt: 0,
  })
}
