import type { PresenceListResponse } from '@resolutionflow/shared/presence.ts'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

const presencePath = (handoffId: string) => `/api/handoffs/${encodeURIComponent(handoffId)}/presence`

/** "I have this pickup screen open": starts or renews the lease (about 25 s on the server). */
export const sendPresenceHeartbeat = (handoffId: string) => api.post<void>(presencePath(handoffId))

/**
 * "I closed it." `keepalive` lets the request outlive the page, so closing the tab still
 * says goodbye (a DELETE with the cookie, which `sendBeacon`'s POST could not be).
 */
export const leavePresence = (handoffId: string) => api.delete<void>(presencePath(handoffId), { keepalive: true })

export const getPresence = () => api.get<PresenceListResponse>('/api/presence')

export const getPresenceQueryOptions = () =>
  queryOptions({
    // `presence_changed` rewrites this list in place (lib/sse.ts); fetched whole on first use.
    queryKey: queryKeys.presence,
    queryFn: getPresence,
  })

/** Who else has this handoff's pickup screen open, the viewer left out. */
export function useHandoffViewers(handoffId: string, viewerId: string) {
  return useQuery({
    ...getPresenceQueryOptions(),
    select: (data) =>
      data.presence.find((entry) => entry.handoff_id === handoffId)?.viewers.filter((v) => v.id !== viewerId) ?? [],
  })
}
