import type { SeniorsResponse } from '@resolutionflow/shared/users.ts'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getSeniors = () => api.get<SeniorsResponse>('/api/users/seniors')

export const getSeniorsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.seniors,
    queryFn: getSeniors,
    staleTime: 5 * 60_000,
  })

/** The org's seniors and admins: who an escalation can be sent to. */
export const useSeniors = () => useQuery(getSeniorsQueryOptions())
