import type { NotificationsResponse } from '@resolutionflow/shared/notifications.ts'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getNotifications = () => api.get<NotificationsResponse>('/api/notifications')

export const getNotificationsQueryOptions = () =>
  queryOptions({
    // `notification_created` invalidates this key (lib/sse.ts).
    queryKey: queryKeys.notifications.all,
    queryFn: getNotifications,
  })

/** The viewer's notifications and unread count; also refreshed whenever the tab regains focus. */
export const useNotifications = () =>
  useQuery({
    ...getNotificationsQueryOptions(),
    // A tab left in the background may have missed events while its stream was down.
    refetchOnWindowFocus: 'always',
  })
