import { isSenior, type Role } from './roles.ts'
import { worksSession } from './session-rights.ts'

/**
 * Who may move an escalation along, and the short lists the screens offer. Without zod, so
 * the web app's always-loaded shell can hide what the server refuses without pulling the
 * schemas into its bundle. The server enforces exactly these functions.
 */

export const DECLINE_REASONS = ['not_my_area', 'busy', 'other'] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  not_my_area: 'Not my area',
  busy: 'Busy',
  other: 'Other',
}

export const FEEDBACK_PROBLEMS = ['wrong_cause', 'missing_facts', 'already_tried'] as const
export type FeedbackProblem = (typeof FEEDBACK_PROBLEMS)[number]
export const FEEDBACK_PROBLEM_LABELS: Record<FeedbackProblem, string> = {
  wrong_cause: 'Wrong cause',
  missing_facts: 'Missing facts',
  already_tried: 'Steps already tried',
}

export const ROOT_CAUSES = [
  'configuration',
  'network',
  'hardware',
  'software_bug',
  'permissions',
  'account',
  'third_party',
  'user_error',
  'other',
] as const
export type RootCause = (typeof ROOT_CAUSES)[number]
export const ROOT_CAUSE_LABELS: Record<RootCause, string> = {
  configuration: 'Configuration',
  network: 'Network',
  hardware: 'Hardware',
  software_bug: 'Software bug',
  permissions: 'Permissions',
  account: 'Account / licensing',
  third_party: 'Third-party service',
  user_error: 'User error',
  other: 'Other',
}

export interface Actor {
  id: string
  role: Role
}

/** The handoff facts the rules read (a subset of HandoffResponse). */
export interface HandoffFacts {
  status: 'pending' | 'claimed' | 'cancelled'
  handed_off_by: { id: string }
  target_user: { id: string } | null
  claimed_by: { id: string } | null
  handed_back_at: string | null
  assessment_status: 'pending' | 'ready' | 'failed'
}

/** The session facts the rules read (a subset of Session). */
export interface SessionFacts {
  status: 'open' | 'resolved'
  created_by: { id: string }
}

/** The one who escalated calls it off while nobody has picked it up ("I solved it myself"). */
export const canCancel = (user: Actor, handoff: HandoffFacts) =>
  handoff.status === 'pending' && handoff.handed_off_by.id === user.id

/**
 * A senior it was sent to says "not mine" while it waits: the target of a targeted
 * escalation, or any senior but the one who escalated when it went to everyone.
 */
export const canDecline = (user: Actor, handoff: HandoffFacts) =>
  handoff.status === 'pending' &&
  isSenior(user.role) &&
  handoff.handed_off_by.id !== user.id &&
  (handoff.target_user === null || handoff.target_user.id === user.id)

/** The senior who picked it up gives it back to whoever escalated, once, while the session is open. */
export const canHandBack = (user: Actor, handoff: HandoffFacts, session: Pick<SessionFacts, 'status'>) =>
  session.status === 'open' && handoff.status === 'claimed' && handoff.claimed_by?.id === user.id && handoff.handed_back_at === null

/**
 * Who works the session (the write rule of session-rights.ts): whoever started it, or the
 * senior holding its latest escalation (picked up and not handed back). They escalate it,
 * resolve it and reopen it.
 */
export const isWorkingSession = (
  user: Pick<Actor, 'id'>,
  session: Pick<SessionFacts, 'created_by'>,
  latest: Pick<HandoffFacts, 'claimed_by' | 'handed_back_at'> | null,
) =>
  worksSession(user, {
    startedById: session.created_by.id,
    latestClaimerId: latest && !latest.handed_back_at ? (latest.claimed_by?.id ?? null) : null,
  })

/**
 * Whoever works an open session escalates it (a resolved one is reopened first). A second
 * escalation while one waits is refused by the server (HANDOFF_ALREADY_OPEN); the toolbar
 * shows the waiting one instead.
 */
export const canEscalate = (
  user: Pick<Actor, 'id'>,
  session: SessionFacts,
  latest: Pick<HandoffFacts, 'claimed_by' | 'handed_back_at'> | null,
) => session.status === 'open' && isWorkingSession(user, session, latest)

/** Resolving needs no open escalation: a pending one is cancelled (or picked up) first. */
export const canResolve = (user: Actor, session: SessionFacts, latest: HandoffFacts | null) =>
  session.status === 'open' && latest?.status !== 'pending' && isWorkingSession(user, session, latest)

export const canReopen = (user: Actor, session: SessionFacts, latest: HandoffFacts | null) =>
  session.status === 'resolved' && isWorkingSession(user, session, latest)

/** A senior other than the one who escalated rates a written assessment. */
export const canGiveFeedback = (user: Actor, handoff: HandoffFacts) =>
  isSenior(user.role) && handoff.handed_off_by.id !== user.id && handoff.assessment_status === 'ready'
