import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CreateInvitationRequest, Invitation } from '@resolutionflow/shared/team.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getInvitations = () => api.get<{ invitations: Invitation[] }>('/api/invitations')

export const useInvitations = () => useQuery(queryOptions({ queryKey: queryKeys.team.invitations(), queryFn: getInvitations }))

export const createInvitation = (body: CreateInvitationRequest) => api.post<{ invitation: Invitation }>('/api/invitations', body)

export function useCreateInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.team.invitations() }),
  })
}

export const revokeInvitation = (id: string) => api.delete<void>(`/api/invitations/${encodeURIComponent(id)}`)

export function useRevokeInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeInvitation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.team.invitations() }),
  })
}
