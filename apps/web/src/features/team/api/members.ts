import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Member, UpdateMemberRequest } from '@resolutionflow/shared/team.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getMembers = () => api.get<{ members: Member[] }>('/api/members')

export const getMembersQueryOptions = () => queryOptions({ queryKey: queryKeys.team.members(), queryFn: getMembers })

export const useMembers = () => useQuery(getMembersQueryOptions())

export const updateMember = (id: string, body: UpdateMemberRequest) =>
  api.patch<{ member: Member }>(`/api/members/${encodeURIComponent(id)}`, body)

export function useUpdateMember() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateMemberRequest & { id: string }) => updateMember(id, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.team.members() }),
  })
}

export const issuePasswordReset = (id: string) =>
  api.post<{ reset: { url: string; expires_at: string } }>(`/api/members/${encodeURIComponent(id)}/password-reset`)

export const useIssuePasswordReset = () => useMutation({ mutationFn: issuePasswordReset })
