import type { FeedbackRequest, FeedbackResponse, MyFeedbackResponse } from '@resolutionflow/shared/handoffs.ts'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getMyFeedback = (handoffId: string) => api.get<MyFeedbackResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/feedback`)

export const getMyFeedbackQueryOptions = (handoffId: string) =>
  queryOptions({ queryKey: queryKeys.handoffs.feedback(handoffId), queryFn: () => getMyFeedback(handoffId) })

/** The viewer's own verdict on the assessment (null before they gave one). */
export const useMyFeedback = (handoffId: string, enabled: boolean) => useQuery({ ...getMyFeedbackQueryOptions(handoffId), enabled })

export const saveFeedback = ({ handoffId, ...body }: FeedbackRequest & { handoffId: string }) =>
  api.put<FeedbackResponse>(`/api/handoffs/${encodeURIComponent(handoffId)}/feedback`, body)

export function useSaveFeedback() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: saveFeedback,
    onSuccess: ({ feedback }) => queryClient.setQueryData<MyFeedbackResponse>(queryKeys.handoffs.feedback(feedback.handoff_id), { feedback }),
  })
}
