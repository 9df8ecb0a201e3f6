import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import type { NotificationPreferences } from './types.ts'

/** What a user who never chose gets: every channel on (in-app is always on). */
export const DEFAULT_PREFERENCES: NotificationPreferences = { desktop: true, push: true, email: true }

// The server answers `{preferences: {desktop, push, email}}`; a bare object is read too,
// as ARCHITECTURE.md's table words the body that way.
const unwrap = (body: NotificationPreferences | { preferences: NotificationPreferences }) =>
  'preferences' in body ? body.preferences : body

export const getPreferences = async () => unwrap(await api.get('/api/me/preferences'))

export const updatePreferences = async (patch: Partial<NotificationPreferences>) =>
  unwrap(await api.patch('/api/me/preferences', patch))

export const getPreferencesQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.preferences, queryFn: getPreferences, staleTime: 60_000 })

export const usePreferences = () => useQuery(getPreferencesQueryOptions())

/** Saves one toggle; the cache takes the server's answer, so every reader agrees at once. */
export function useUpdatePreferences() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updatePreferences,
    onSuccess: (preferences) => queryClient.setQueryData(queryKeys.preferences, preferences),
  })
}
