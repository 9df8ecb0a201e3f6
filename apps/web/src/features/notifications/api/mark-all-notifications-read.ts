import type { NotificationsResponse } from '@resolutionflow/shared/notifications.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const markAllNotificationsRead = () => api.post<void>('/api/notifications/read-all')

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient()
  const queryKey = queryKeys.notifications.all
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey })
      const previous = queryClient.getQueryData<NotificationsResponse>(queryKey)
      if (previous) {
        queryClient.setQueryData<NotificationsResponse>(queryKey, {
          notifications: previous.notifications.map((notification) => ({ ...notification, read: true })),
          unread: 0,
        })
      }
      return { previous }
    },
    onError: (_error, _nothing, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  })
}
