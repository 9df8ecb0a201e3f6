import { notFound } from '../../errors.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { publishViewers, type PresenceDeps } from './publish-viewers.ts'

/** The pickup screen closed (or the tab went away): the user stops looking at once. */
export async function leavePresence(deps: PresenceDeps, input: { user: AuthUser; handoffId: string }) {
  const { user, handoffId } = input
  const handoff = await deps.prisma.handoff.findFirst({
    where: { id: handoffId, organizationId: user.organizationId },
    select: { id: true },
  })
  if (!handoff) throw notFound('Handoff')
  const removed = await deps.prisma.handoffPresence.deleteMany({ where: { handoffId, userId: user.id } })
  if (removed.count > 0) await publishViewers(deps, { organizationId: user.organizationId, handoffId })
}
