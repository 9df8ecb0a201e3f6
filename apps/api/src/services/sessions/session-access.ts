import {
  canReadSession,
  canWriteSession,
  SESSION_RIGHTS_MESSAGES,
  type SessionParties,
} from '@resolutionflow/shared/session-rights.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** The session's latest escalation, as a relation to read with the session (one statement). */
export const latestHandoff = {
  handoffs: { orderBy: { createdAt: 'desc' }, take: 1, select: { claimedById: true, handedBackAt: true } },
} as const

type LatestHandoff = { claimedById: string | null; handedBackAt: Date | null } | null | undefined

// A senior who handed the session back no longer works it.
const partiesOf = (createdById: string, latest: LatestHandoff): SessionParties => ({
  startedById: createdById,
  latestClaimerId: latest && !latest.handedBackAt ? latest.claimedById : null,
})

/** Who is on the session: its starter, and whoever claimed its latest escalation. */
export async function sessionParties(db: PrismaClient | Tx, session: { id: string; createdById: string }): Promise<SessionParties> {
  const latest = await db.handoff.findFirst({ where: { sessionId: session.id }, ...latestHandoff.handoffs })
  return partiesOf(session.createdById, latest)
}

/**
 * A session of the user's organization (404 otherwise) that the user may read or change by
 * the shared rule (packages/shared/src/session-rights.ts), or 403 saying who may.
 */
export async function findSessionFor(
  db: PrismaClient | Tx,
  user: AuthUser,
  sessionId: string,
  access: 'read' | 'write',
  message: string = SESSION_RIGHTS_MESSAGES[access],
) {
  // The session and its latest escalation in one read (findSession's 404, sessionParties' rule).
  const found = await db.chatSession.findFirst({ where: { id: sessionId, organizationId: user.organizationId }, include: latestHandoff })
  return allowedSession(user, found, access, message)
}

/**
 * findSessionFor's rule applied to a session the caller read itself, with `latestHandoff`
 * and whatever else it needs in the same statement; returns the row without `handoffs`.
 */
export function allowedSession<S extends { createdById: string; handoffs: LatestHandoff[] }>(
  user: AuthUser,
  found: S | null,
  access: 'read' | 'write',
  message: string = SESSION_RIGHTS_MESSAGES[access],
): Omit<S, 'handoffs'> {
  if (!found) throw notFound('Session')
  const { handoffs, ...session } = found
  const parties = partiesOf(session.createdById, handoffs[0])
  const allowed = access === 'read' ? canReadSession(user, parties) : canWriteSession(user, parties)
  if (!allowed) throw forbidden(message)
  return session
}
