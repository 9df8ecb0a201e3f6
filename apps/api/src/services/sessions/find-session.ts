import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/**
 * A session of the user's organization, or 404: a session of another organization is
 * indistinguishable from one that does not exist.
 */
export async function findSession(db: PrismaClient | Tx, user: AuthUser, sessionId: string) {
  const session = await db.chatSession.findFirst({ where: { id: sessionId, organizationId: user.organizationId } })
  if (!session) throw notFound('Session')
  return session
}
