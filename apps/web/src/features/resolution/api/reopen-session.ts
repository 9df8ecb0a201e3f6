import type { Session } from '@resolutionflow/shared/sessions.ts'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { applySession } from './resolve-session.ts'

export const reopenSession = ({ sessionId }: { sessionId: string }) =>
  api.post<{ session: Session }>(`/api/sessions/${encodeURIComponent(sessionId)}/reopen`)

export function useReopenSession() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: reopenSession, onSuccess: ({ session }) => applySession(queryClient, session) })
}
