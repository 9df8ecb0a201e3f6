import { useMutation } from '@tanstack/react-query'
import type { ChangePasswordRequest } from '@resolutionflow/shared/team.ts'
import { api } from '../../../lib/api-client.ts'

export const changePassword = (body: ChangePasswordRequest) => api.post<void>('/api/me/password', body)

export const useChangePassword = () => useMutation({ mutationFn: changePassword })
