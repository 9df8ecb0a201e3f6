import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'

/**
 * Whoever started the session or picked it up may escalate it; the server answers 403 to
 * a colleague who only looks at it, so the toolbar does not offer it to them.
 */
export function canEscalate(viewerId: string, session: Session, handoff: HandoffResponse | null): boolean {
  return session.created_by.id === viewerId || handoff?.claimed_by?.id === viewerId
}
