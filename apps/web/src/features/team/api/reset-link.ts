import { queryOptions, useMutation, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { PasswordResetPreviewSchema } from '@resolutionflow/shared/team.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type ResetPreview = z.infer<typeof PasswordResetPreviewSchema>

export const getResetPreview = (token: string) => api.get<ResetPreview>(`/api/password-resets/${encodeURIComponent(token)}`)

export const useResetPreview = (token: string) =>
  useQuery(queryOptions({ queryKey: queryKeys.team.resetPreview(token), queryFn: () => getResetPreview(token), retry: false }))

export const completeReset = (token: string, newPassword: string) =>
  api.post<void>(`/api/password-resets/${encodeURIComponent(token)}`, { new_password: newPassword })

export const useCompleteReset = (token: string) => useMutation({ mutationFn: (newPassword: string) => completeReset(token, newPassword) })
