import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import type { CreateWebhookRequest, CreateWebhookResponse, WebhookDeliveriesResponse, WebhooksResponse, WebhookTestResponse } from './types.ts'

const webhookPath = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`

export const getWebhooks = () => api.get<WebhooksResponse>('/api/webhooks')
export const createWebhook = (body: CreateWebhookRequest) => api.post<CreateWebhookResponse>('/api/webhooks', body)
export const deleteWebhook = (id: string) => api.delete<void>(webhookPath(id))
export const sendTestDelivery = (id: string) => api.post<WebhookTestResponse>(`${webhookPath(id)}/test`)
export const getWebhookDeliveries = (id: string) => api.get<WebhookDeliveriesResponse>(`${webhookPath(id)}/deliveries`)

export const useWebhooks = () => useQuery(queryOptions({ queryKey: queryKeys.webhooks.list(), queryFn: getWebhooks }))

/** A webhook's delivery log, refreshed every few seconds while shown: retries happen in the background. */
export const useWebhookDeliveries = (id: string) =>
  useQuery({ queryKey: queryKeys.webhooks.deliveries(id), queryFn: () => getWebhookDeliveries(id), refetchInterval: 5_000 })

export function useCreateWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list() }),
  })
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteWebhook,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list() }),
  })
}

export function useSendTestDelivery() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: sendTestDelivery,
    onSettled: (_data, _error, id) => queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(id) }),
  })
}
