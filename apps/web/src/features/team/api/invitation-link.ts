import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { AcceptInvitationRequest, InvitationPreviewSchema } from '@resolutionflow/shared/team.ts'
import type { UserResponse } from '@resolutionflow/shared/users.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type InvitationPreview = z.infer<typeof InvitationPreviewSchema>

export const getInvitationPreview = (token: string) => api.get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`)

export const useInvitationPreview = (token: string) =>
  useQuery(queryOptions({ queryKey: queryKeys.team.invitationPreview(token), queryFn: () => getInvitationPreview(token), retry: false }))

export const acceptInvitation = (token: string, body: AcceptInvitationRequest) =>
  api.post<UserResponse>(`/api/invitations/${encodeURIComponent(token)}/accept`, body)

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: AcceptInvitationRequest) => acceptInvitation(token, body),
    onSuccess: ({ user }) => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, user)
    },
  })
}
