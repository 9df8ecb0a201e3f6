import type { CreateHandoffRequest, HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, isApiError } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type CreateHandoffInput = {
  sessionId: string
  data: CreateHandoffRequest
  /** The same key on a retry lets the server answer with the first attempt's handoff. */
  idempotencyKey: string
}

export const createHandoff = ({ sessionId, data, idempotencyKey }: CreateHandoffInput) =>
  api.post<HandoffResponse>(`/api/sessions/${encodeURIComponent(sessionId)}/handoffs`, data, {
    headers: { 'Idempotency-Key': idempotencyKey },
  })

export function useCreateHandoff() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createHandoff,
    onSuccess: (handoff, { sessionId }) => {
      queryClient.setQueryData(queryKeys.handoffs.detail(handoff.id), handoff)
      // The banner and the toolbar read the session's handoff: show the escalation before the refetch lands.
      queryClient.setQueryData<SessionDetailResponse>(queryKeys.sessions.detail(sessionId), (old) =>
        old ? { ...old, handoff } : old,
      )
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(sessionId) })
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
      void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.lists() })
    },
    onError: (error, { sessionId }) => {
      // HANDOFF_ALREADY_OPEN: our copy of the session is behind; refetch so the toolbar shows the open handoff.
      if (isApiError(error) && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(sessionId) })
      }
    },
  })
}
