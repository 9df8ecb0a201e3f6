import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import { canReadSession, SESSION_RIGHTS_MESSAGES } from '@resolutionflow/shared/session-rights.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { handoffInclude, messageInclude, sessionInclude, toWireHandoff, toWireMessage, toWireSession, toWireTask } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** Everything the chat screen shows: the session, its messages, its task lane and its latest handoff. */
export async function getSessionDetail(
  deps: { prisma: PrismaClient },
  { user, sessionId }: { user: AuthUser; sessionId: string },
): Promise<SessionDetailResponse> {
  const row = await deps.prisma.chatSession.findFirst({
    where: { id: sessionId, organizationId: user.organizationId },
    include: {
      ...sessionInclude,
      messages: { include: messageInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      tasks: { orderBy: { position: 'asc' } },
    },
  })
  if (!row) throw notFound('Session')
  const handoff = await deps.prisma.handoff.findFirst({
    where: { sessionId },
    include: handoffInclude,
    orderBy: { createdAt: 'desc' },
  })
  if (!canReadSession(user, { startedById: row.createdById, latestClaimerId: handoff?.claimedById ?? null })) {
    throw forbidden(SESSION_RIGHTS_MESSAGES.read)
  }
  return {
    session: toWireSession(row),
    messages: row.messages.map(toWireMessage),
    task_lane: row.tasks.map(toWireTask),
    handoff: handoff ? toWireHandoff(handoff) : null,
  }
}
