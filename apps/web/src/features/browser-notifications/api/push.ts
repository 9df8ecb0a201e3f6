import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import type { CreatePushSubscriptionResponse, PushSubscriptionsResponse, VapidPublicKeyResponse } from './types.ts'

export const getVapidPublicKey = async () => {
  const body = await api.get<VapidPublicKeyResponse | { key: string }>('/api/push/vapid-public-key')
  return 'public_key' in body ? body.public_key : body.key
}

export const getPushSubscriptions = () => api.get<PushSubscriptionsResponse>('/api/push/subscriptions')

/** Registers this browser's subscription (the browser's own `PushSubscription.toJSON()`). */
export const createPushSubscription = (subscription: PushSubscriptionJSON) =>
  api.post<CreatePushSubscriptionResponse>('/api/push/subscriptions', subscription)

export const deletePushSubscription = (id: string) => api.delete<void>(`/api/push/subscriptions/${encodeURIComponent(id)}`)

export const getPushSubscriptionsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.push.subscriptions(), queryFn: getPushSubscriptions })

/** The user's browsers that get Web Push: listed and removable on the settings page. */
export const usePushSubscriptions = () => useQuery(getPushSubscriptionsQueryOptions())

export function useDeletePushSubscription() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deletePushSubscription,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.push.subscriptions() }),
  })
}
