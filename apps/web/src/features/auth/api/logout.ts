import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { paths } from '../../../config/paths.ts'

export const logout = () => api.post<void>('/api/auth/logout')

export function useLogout() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: logout,
    // Even if the call fails (server gone), this tab forgets the user.
    onSettled: async () => {
      queryClient.setQueryData(queryKeys.me, null)
      await navigate(paths.login.getHref(), { replace: true })
      queryClient.clear()
    },
  })
}
