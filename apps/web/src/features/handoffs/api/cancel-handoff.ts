import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { applyHandoffUpdate } from './apply-handoff-update.ts'

type CancelHandoffInput = { handoffId: string; note?: string }

export const cancelHandoff = ({ handoffId, note }: CancelHandoffInput) =>
  api.post<HandoffResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/cancel`, { note })

export function useCancelHandoff() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: cancelHandoff,
    onSuccess: (handoff) => applyHandoffUpdate(queryClient, handoff),
    // A 409 means a senior picked it up first: refetch to show who.
    onError: (_error, { handoffId }) => void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.detail(handoffId) }),
  })
}
