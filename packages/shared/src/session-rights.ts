/**
 * Who may do what with a chat session: one rule, enforced by the server (403) and followed
 * by the web app (which hides or disables what would be refused). Without zod, so the
 * always-loaded chat screen does not pull the schemas into its bundle.
 *
 * - Read: the people working it, and the organization's seniors and admins (a helpdesk reads
 *   colleagues' tickets). A junior reads only sessions they work.
 * - Write (rename, post messages, retry a reply, tick tasks, escalate): only the people
 *   working it: whoever started it, and the senior who claimed its latest escalation (until
 *   they hand it back). Not a senior who only looked, nor one it has since passed on from.
 * - Regenerate an assessment: the people working the session; while the handoff waits for
 *   pickup, also the seniors it was sent to (its target, or every senior when untargeted).
 *   A `ready` assessment is regenerated only by the people working the session: it is what
 *   they are acting on, and a new one costs a model call.
 */
import type { HandoffResponse } from './handoffs.ts'
import { isSenior, type Role } from './roles.ts'
import type { Session } from './sessions.ts'

export interface SessionViewer {
  id: string
  role: Role
}

/** The people on a session, as both sides know them. */
export interface SessionParties {
  startedById: string
  /** Who claimed the session's latest escalation and still has it; null when none was claimed, or it was handed back. */
  latestClaimerId: string | null
}

export interface HandoffAddress {
  status: 'pending' | 'claimed' | 'cancelled'
  assessmentStatus: 'pending' | 'ready' | 'failed'
  /** The senior it was sent to; null: every senior of the organization. */
  targetUserId: string | null
}

export const worksSession = (viewer: Pick<SessionViewer, 'id'>, parties: SessionParties): boolean =>
  viewer.id === parties.startedById || (parties.latestClaimerId !== null && viewer.id === parties.latestClaimerId)

export const canReadSession = (viewer: SessionViewer, parties: SessionParties): boolean =>
  worksSession(viewer, parties) || isSenior(viewer.role)

export const canWriteSession = worksSession

export function canRegenerateAssessment(viewer: SessionViewer, parties: SessionParties, handoff: HandoffAddress): boolean {
  if (worksSession(viewer, parties)) return true
  if (handoff.status !== 'pending' || handoff.assessmentStatus === 'ready') return false
  return handoff.targetUserId === null ? isSenior(viewer.role) : handoff.targetUserId === viewer.id
}

/** The parties as the wire shows them: a session and its latest handoff (the session detail). */
export const partiesOf = (
  session: Pick<Session, 'created_by'>,
  latestHandoff: Pick<HandoffResponse, 'claimed_by' | 'handed_back_at'> | null,
): SessionParties => ({
  startedById: session.created_by.id,
  // A senior who handed the session back no longer works it.
  latestClaimerId: latestHandoff && !latestHandoff.handed_back_at ? (latestHandoff.claimed_by?.id ?? null) : null,
})

export const addressOf = (handoff: Pick<HandoffResponse, 'status' | 'assessment_status' | 'target_user'>): HandoffAddress => ({
  status: handoff.status,
  assessmentStatus: handoff.assessment_status,
  targetUserId: handoff.target_user?.id ?? null,
})

/** Why the server refuses: the message of its 403, and the explanation the web app shows. */
export const SESSION_RIGHTS_MESSAGES = {
  read: 'Only the people working this session and seniors can open it',
  write: 'Only the people working this session can change it: whoever started it, or the senior who picked it up',
  regenerate: 'Only the people working this session, or the seniors it was sent to, can regenerate its assessment',
} as const
