import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { applyHandoffUpdate } from './apply-handoff-update.ts'

type HandBackInput = { handoffId: string; note: string }

export const handBackHandoff = ({ handoffId, note }: HandBackInput) =>
  api.post<HandoffResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/hand-back`, { note })

export function useHandBackHandoff() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: handBackHandoff, onSuccess: (handoff) => applyHandoffUpdate(queryClient, handoff) })
}
