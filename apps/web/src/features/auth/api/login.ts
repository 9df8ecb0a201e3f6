import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { LoginRequest } from '@resolutionflow/shared/auth.ts'
import type { UserResponse } from '@resolutionflow/shared/users.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const login = (body: LoginRequest) => api.post<UserResponse>('/api/auth/login', body)

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user }) => {
      // A previous user's data must never show through: start from an empty cache.
      queryClient.clear()
      queryClient.setQueryData(queryKeys.me, user)
    },
  })
}
