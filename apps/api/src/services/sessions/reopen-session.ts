import { canReopen, isWorkingSession } from '@resolutionflow/shared/escalation-rules.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { AppError, forbidden } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { sessionInclude, toWireSession } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { loadForResolution } from './resolve-session.ts'

/**
 * Back to open (it came back, or the fix did not hold), by the same people who may resolve
 * it. The resolution and its search document are cleared, so it no longer counts as similar.
 */
export async function reopenSession(deps: { prisma: PrismaClient; bus: Bus }, input: { user: AuthUser; sessionId: string }): Promise<Session> {
  const { user } = input
  const { session, latest, facts } = await loadForResolution(deps.prisma, user, input.sessionId)
  if (!isWorkingSession(user, facts, latest)) throw forbidden('Only the people working this session can reopen it')
  if (!canReopen(user, facts, latest)) throw new AppError(409, 'SESSION_NOT_RESOLVED', 'This session is not resolved')

  return transactWithEvents(deps, async (tx, record) => {
    const { count } = await tx.chatSession.updateMany({
      where: { id: session.id, status: 'resolved' },
      data: { status: 'open', resolvedAt: null, resolvedById: null, resolutionNote: null, rootCause: null, searchDocument: null, lastActivityAt: new Date() },
    })
    if (count === 0) throw new AppError(409, 'SESSION_NOT_RESOLVED', 'This session is not resolved')
    record({ type: 'session_reopened', organizationId: user.organizationId, payload: { session_id: session.id, reopened_by: { id: user.id, name: user.name } } })
    return toWireSession(await tx.chatSession.findUniqueOrThrow({ where: { id: session.id }, include: sessionInclude }))
  })
}
