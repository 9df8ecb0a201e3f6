import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import type { AuditResponse } from '@resolutionflow/shared/team.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getAudit = (cursor: string | null) =>
  api.get<AuditResponse>(`/api/audit?${new URLSearchParams(cursor ? { cursor, limit: '25' } : { limit: '25' })}`)

/** The audit log, newest first, 25 entries a page ("Older entries" loads the next). */
export const useAudit = () =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: queryKeys.organization.audit(),
      queryFn: ({ pageParam }) => getAudit(pageParam),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  )
