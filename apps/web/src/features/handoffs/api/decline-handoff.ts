import type { DeclineReason } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { applyHandoffUpdate } from './apply-handoff-update.ts'

type DeclineHandoffInput = { handoffId: string; reason: DeclineReason; note?: string }

export const declineHandoff = ({ handoffId, ...body }: DeclineHandoffInput) =>
  api.post<HandoffResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/decline`, body)

export function useDeclineHandoff() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: declineHandoff,
    onSuccess: (handoff) => applyHandoffUpdate(queryClient, handoff),
    onError: (_error, { handoffId }) => void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.detail(handoffId) }),
  })
}
