import { isWorkingSession } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'

/**
 * Whoever started the session or holds its latest escalation (picked up, not handed back)
 * may escalate it; the server answers 403 to anyone else, so the toolbar does not offer it.
 */
export function canEscalate(viewerId: string, session: Session, handoff: HandoffResponse | null): boolean {
  return isWorkingSession({ id: viewerId }, session, handoff)
}
