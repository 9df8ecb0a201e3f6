import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import type { QueryClient } from '@tanstack/react-query'
import { queryKeys } from '../../../lib/query-keys.ts'

/**
 * After a cancel, decline or hand back: the handoff's one cache entry and the session's copy
 * show the answer at once; queues, sidebars and the bell refetch (a cancel or a decline
 * makes notifications obsolete).
 */
export function applyHandoffUpdate(queryClient: QueryClient, handoff: HandoffResponse) {
  queryClient.setQueryData(queryKeys.handoffs.detail(handoff.id), handoff)
  queryClient.setQueryData<SessionDetailResponse>(queryKeys.sessions.detail(handoff.session_id), (old) =>
    old && old.handoff?.id === handoff.id ? { ...old, handoff } : old,
  )
  void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.lists() })
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all })
}
