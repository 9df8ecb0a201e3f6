import type { ClaimOption, HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type ClaimHandoffInput = { handoffId: string; option: ClaimOption }

export const claimHandoff = ({ handoffId, option }: ClaimHandoffInput) =>
  api.post<HandoffResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/claim`, { option })

export function useClaimHandoff() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: claimHandoff,
    onSuccess: (handoff) => {
      queryClient.setQueryData(queryKeys.handoffs.detail(handoff.id), handoff)
      queryClient.setQueryData<SessionDetailResponse>(queryKeys.sessions.detail(handoff.session_id), (old) =>
        old ? { ...old, handoff } : old,
      )
      void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.lists() })
      // The claimed session joins the senior's sidebar, and its detail now names the claimer.
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(handoff.session_id) })
    },
    onError: (_error, { handoffId }) => {
      // A 409 means someone else won: refetch to show who.
      void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.detail(handoffId) })
    },
  })
}
