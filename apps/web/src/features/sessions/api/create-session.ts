import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { CreateSessionRequestSchema, Session, SessionResponseSchema } from '@resolutionflow/shared/sessions.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type CreateSessionRequest = z.input<typeof CreateSessionRequestSchema>
type SessionResponse = z.infer<typeof SessionResponseSchema>

export const createSession = async (body: CreateSessionRequest = {}) =>
  (await api.post<SessionResponse>('/api/sessions', body)).session

export function useCreateSession() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: queryKeys.mutations.createSession,
    mutationFn: createSession,
    onSuccess: (session) => {
      // Show it in the sidebar at once; the refetch confirms the server's order.
      queryClient.setQueryData<Session[]>(queryKeys.sessions.list(), (sessions) => sessions && [session, ...sessions])
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
    },
  })
}
