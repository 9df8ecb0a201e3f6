import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import type { z } from 'zod'
import type { SessionDetailResponse, TaskResponseSchema, TaskItem, TaskStatus } from '@resolutionflow/shared/sessions.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type TaskResponse = z.infer<typeof TaskResponseSchema>
type UpdateTaskInput = { taskId: string; status: TaskStatus }

export const updateTask = async (sessionId: string, { taskId, status }: UpdateTaskInput) =>
  (
    await api.patch<TaskResponse>(
      `/api/sessions/${encodeURIComponent(sessionId)}/tasks/${encodeURIComponent(taskId)}`,
      { status },
    )
  ).task

function patchTask(queryClient: QueryClient, sessionId: string, taskId: string, change: Partial<TaskItem>) {
  queryClient.setQueryData<SessionDetailResponse>(
    queryKeys.sessions.detail(sessionId),
    (detail) =>
      detail && {
        ...detail,
        task_lane: detail.task_lane.map((task) => (task.id === taskId ? { ...task, ...change } : task)),
      },
  )
}

export function useUpdateTask(sessionId: string) {
  const queryClient = useQueryClient()
  const mutationKey = ['update-task', sessionId]
  return useMutation({
    mutationKey,
    mutationFn: (input: UpdateTaskInput) => updateTask(sessionId, input),
    onMutate: async ({ taskId, status }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.sessions.detail(sessionId) })
      const detail = queryClient.getQueryData<SessionDetailResponse>(queryKeys.sessions.detail(sessionId))
      const previousStatus = detail?.task_lane.find((task) => task.id === taskId)?.status
      patchTask(queryClient, sessionId, taskId, { status })
      return { previousStatus }
    },
    onError: (error, { taskId }, context) => {
      // Roll back only this card: other toggles may be in flight and must keep their own state.
      if (context?.previousStatus) patchTask(queryClient, sessionId, taskId, { status: context.previousStatus })
      toast.error("Couldn't update the step", { description: error.message })
    },
    onSuccess: (task) => patchTask(queryClient, sessionId, task.id, task),
    onSettled: () => {
      // Refetching while another toggle is still in flight would briefly undo its optimistic state.
      if (queryClient.isMutating({ mutationKey }) === 1) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(sessionId) })
      }
    },
  })
}
