import type { HandoffResponse } from '../../packages/shared/src/handoffs.ts'
import type { Session } from '../../packages/shared/src/sessions.ts'
import { PRINTER_PROBLEM, type ResolutionFlowApi } from './api.ts'

export const ESCALATION_NOTE = 'Power-cycled it and re-added the printer; still offline for everyone.'

export type EscalatedSession = { session: Session; handoff: HandoffResponse }

/**
 * What a junior leaves behind before the senior arrives: a session with the printer
 * problem (so a five-step task lane), escalated with a note, its assessment written.
 * `describeProblem: false` escalates an empty session (no task lane).
 */
export async function seedEscalatedSession(
  junior: ResolutionFlowApi,
  title: string,
  { describeProblem = true }: { describeProblem?: boolean } = {},
): Promise<EscalatedSession> {
  const session = await junior.createSession(title)
  if (describeProblem) await junior.sendMessage(session.id, PRINTER_PROBLEM)
  const handoff = await junior.escalate(session.id, ESCALATION_NOTE)
  return { session, handoff: await junior.waitForAssessment(handoff.id) }
}
