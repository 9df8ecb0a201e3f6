import { queryOptions, useQuery } from '@tanstack/react-query'
import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getSession = (sessionId: string) =>
  api.get<SessionDetailResponse>(`/api/sessions/${encodeURIComponent(sessionId)}`)

export const getSessionQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: queryKeys.sessions.detail(sessionId),
    queryFn: () => getSession(sessionId),
  })

/** `{session, messages, task_lane, handoff}` of one chat session, kept live by the SSE invalidation. */
export const useSession = (sessionId: string) => useQuery(getSessionQueryOptions(sessionId))
