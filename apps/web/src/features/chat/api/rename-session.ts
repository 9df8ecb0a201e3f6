import { useMutation, useQueryClient } from '@tanstack/react-query'
import { toast } from 'sonner'
import type { z } from 'zod'
import type {
  Session,
  SessionDetailResponse,
  SessionResponseSchema,
  UpdateSessionRequestSchema,
} from '@resolutionflow/shared/sessions.ts'
import { api } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'

type UpdateSessionRequest = z.input<typeof UpdateSessionRequestSchema>
type SessionResponse = z.infer<typeof SessionResponseSchema>

export const renameSession = async (sessionId: string, body: UpdateSessionRequest) =>
  (await api.patch<SessionResponse>(`/api/sessions/${encodeURIComponent(sessionId)}`, body)).session

function setTitle(queryClient: ReturnType<typeof useQueryClient>, sessionId: string, title: string) {
  queryClient.setQueryData<SessionDetailResponse>(
    queryKeys.sessions.detail(sessionId),
    (detail) => detail && { ...detail, session: { ...detail.session, title } },
  )
  queryClient.setQueryData<Session[]>(
    queryKeys.sessions.list(),
    (sessions) => sessions?.map((session) => (session.id === sessionId ? { ...session, title } : session)),
  )
}

export function useRenameSession(sessionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (title: string) => renameSession(sessionId, { title }),
    onMutate: async (title) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.sessions.detail(sessionId) })
      const previous = queryClient.getQueryData<SessionDetailResponse>(queryKeys.sessions.detail(sessionId))
      setTitle(queryClient, sessionId, title)
      return { previousTitle: previous?.session.title }
    },
    onError: (error, _title, context) => {
      if (context?.previousTitle !== undefined) setTitle(queryClient, sessionId, context.previousTitle)
      toast.error("Couldn't rename the session", { description: error.message })
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.detail(sessionId) })
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
    },
  })
}
