import {
  canReadSession,
  canWriteSession,
  SESSION_RIGHTS_MESSAGES,
  type SessionParties,
} from '@resolutionflow/shared/session-rights.ts'
import { forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSession } from './find-session.ts'

/** Who is on the session: its starter, and whoever claimed its latest escalation. */
export async function sessionParties(db: PrismaClient | Tx, session: { id: string; createdById: string }): Promise<SessionParties> {
  const latest = await db.handoff.findFirst({
    where: { sessionId: session.id },
    orderBy: { createdAt: 'desc' },
    select: { claimedById: true, handedBackAt: true },
  })
  // A senior who handed the session back no longer works it.
  return { startedById: session.createdById, latestClaimerId: latest && !latest.handedBackAt ? latest.claimedById : null }
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
  const session = await findSession(db, user, sessionId)
  const parties = await sessionParties(db, session)
  const allowed = access === 'read' ? canReadSession(user, parties) : canWriteSession(user, parties)
  if (!allowed) throw forbidden(message)
  return session
}
