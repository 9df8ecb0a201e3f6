import { queryOptions, useQuery } from '@tanstack/react-query'
import type { AssistantInfo } from '@resolutionflow/shared/meta.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getAssistantInfo = () => api.get<AssistantInfo>('/api/assistant')

export const getAssistantInfoQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.assistant,
    queryFn: getAssistantInfo,
    // Which assistant answers is fixed for the life of the server process.
    staleTime: Infinity,
  })

export const useAssistantInfo = () => useQuery(getAssistantInfoQueryOptions())
