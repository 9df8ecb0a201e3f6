import { queryOptions, useQuery } from '@tanstack/react-query'
import type { Session, SessionsResponse } from '@resolutionflow/shared/sessions.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

export const getSessions = async () => (await api.get<SessionsResponse>('/api/sessions')).sessions

/** Most recently active first, whatever order the server sent. */
const byLastActivity = (sessions: Session[]) =>
  [...sessions].sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at))

export const getSessionsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.sessions.list(),
    queryFn: getSessions,
    select: byLastActivity,
  })

export const useSessions = () => useQuery(getSessionsQueryOptions())
