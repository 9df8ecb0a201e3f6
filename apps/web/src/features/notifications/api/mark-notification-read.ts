import type { NotificationsResponse } from '@resolutionflow/shared/notifications.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const markNotificationRead = (notificationId: string) =>
  api.post<void>(`/api/notifications/${encodeURIComponent(notificationId)}/read`)

const withRead = (data: NotificationsResponse, notificationId: string): NotificationsResponse => {
  const target = data.notifications.find((notification) => notification.id === notificationId)
  if (!target || target.read) return data
  return {
    notifications: data.notifications.map((notification) =>
      notification.id === notificationId ? { ...notification, read: true } : notification,
    ),
    unread: Math.max(0, data.unread - 1),
  }
}

/** Marks one notification read; the badge drops at once and is restored if the call fails. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient()
  const queryKey = queryKeys.notifications.all
  return useMutation({
    mutationFn: markNotificationRead,
    onMutate: async (notificationId) => {
      await queryClient.cancelQueries({ queryKey })
      const previous = queryClient.getQueryData<NotificationsResponse>(queryKey)
      if (previous) queryClient.setQueryData(queryKey, withRead(previous, notificationId))
      return { previous }
    },
    onError: (_error, _id, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  })
}
