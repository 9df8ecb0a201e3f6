import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const regenerateAssessment = (handoffId: string) =>
  api.post<void>(`/api/handoffs/${encodeURIComponent(handoffId)}/assessment/regenerate`)

export function useRegenerateAssessment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: regenerateAssessment,
    onSuccess: (_nothing, handoffId) => {
      // 202: the server queued a new run. Show the skeleton now; `handoff_assessment_ready`
      // fills it in when the run commits.
      queryClient.setQueryData<HandoffResponse>(queryKeys.handoffs.detail(handoffId), (old) =>
        old ? { ...old, assessment_status: 'pending', assessment_error: null } : old,
      )
      void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.detail(handoffId) })
    },
  })
}
