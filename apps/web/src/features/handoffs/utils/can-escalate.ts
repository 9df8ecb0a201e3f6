import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { partiesOf, worksSession } from '@resolutionflow/shared/session-rights.ts'

/**
 * Whoever started the session or picked up its latest escalation (and has not handed it back)
 * may escalate it (the shared
 * write rule); the server answers 403 to a colleague who only looks at it, so the toolbar
 * does not offer it to them.
 */
export function canEscalate(viewerId: string, session: Session, handoff: HandoffResponse | null): boolean {
  return worksSession({ id: viewerId }, partiesOf(session, handoff))
}
