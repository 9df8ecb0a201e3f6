import type { ResolveSessionRequest, SessionDetailResponse, Session } from '@resolutionflow/shared/sessions.ts'
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const resolveSession = ({ sessionId, ...body }: ResolveSessionRequest & { sessionId: string }) =>
  api.post<{ session: Session }>(`/api/sessions/${encodeURIComponent(sessionId)}/resolve`, body)

/** The answer's session replaces the cached one at once; the sidebar refetches. */
export function applySession(queryClient: QueryClient, session: Session) {
  queryClient.setQueryData<SessionDetailResponse>(queryKeys.sessions.detail(session.id), (old) => (old ? { ...old, session } : old))
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(session.id) })
}

export function useResolveSession() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: resolveSession, onSuccess: ({ session }) => applySession(queryClient, session) })
}
