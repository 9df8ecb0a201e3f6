import { queryOptions, useQuery } from '@tanstack/react-query'
import type { User, UserResponse } from '@resolutionflow/shared/users.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

/**
 * The signed-in user. The cached value is `null` while this tab signs out:
 * that unmounts the signed-in screens at once, before the cache is cleared,
 * so nothing refetches (and 401s) on the way to /login.
 */
export const getMe = async (): Promise<User | null> => (await api.get<UserResponse>('/api/me')).user

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.me,
    queryFn: getMe,
    // Who is signed in changes only through login/logout, which write this key themselves.
    staleTime: 5 * 60_000,
  })

export const useMe = () => useQuery(getMeQueryOptions())
