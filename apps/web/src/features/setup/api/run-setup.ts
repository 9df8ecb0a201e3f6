import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SetupRequest } from '@resolutionflow/shared/team.ts'
import type { UserResponse } from '@resolutionflow/shared/users.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const runSetup = (body: SetupRequest) => api.post<UserResponse>('/api/setup', body)

export function useRunSetup() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: runSetup,
    onSuccess: ({ user }) => {
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, user)
    },
  })
}
