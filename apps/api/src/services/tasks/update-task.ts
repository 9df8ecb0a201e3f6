import type { TaskStatus } from '@resolutionflow/shared/sessions.ts'
import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { toWireTask } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSessionFor } from '../sessions/session-access.ts'

/** Marks a task-lane card todo, done or skipped; the assistant sees the status on later turns. */
export async function updateTask(
  deps: { prisma: PrismaClient; bus: Bus },
  input: { user: AuthUser; sessionId: string; taskId: string; status: TaskStatus },
) {
  const { user } = input
  // Checked before the transaction: the embedded database has one connection.
  await findSessionFor(deps.prisma, user, input.sessionId, 'write')
  return transactWithEvents(deps, async (tx, record) => {
    // Scoped by organization through the session: one conditional write, no read first.
    const { count } = await tx.taskItem.updateMany({
      where: { id: input.taskId, sessionId: input.sessionId, session: { organizationId: user.organizationId } },
      data: { status: input.status },
    })
    if (count === 0) throw notFound('Task')
    await tx.chatSession.update({ where: { id: input.sessionId }, data: { lastActivityAt: new Date() } })
    record({ type: 'task_lane_updated', organizationId: user.organizationId, payload: { session_id: input.sessionId } })
    return toWireTask(await tx.taskItem.findUniqueOrThrow({ where: { id: input.taskId } }))
  })
}
