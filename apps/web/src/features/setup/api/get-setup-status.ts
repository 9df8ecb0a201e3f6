import { queryOptions, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { SetupStatusSchema } from '@resolutionflow/shared/team.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type SetupStatus = z.infer<typeof SetupStatusSchema>

export const getSetupStatus = () => api.get<SetupStatus>('/api/setup')

export const getSetupStatusQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.setup, queryFn: getSetupStatus, staleTime: Infinity })

/** Whether this installation still has no organization (the first-run page is then the way in). */
export const useSetupStatus = () => useQuery(getSetupStatusQueryOptions())
