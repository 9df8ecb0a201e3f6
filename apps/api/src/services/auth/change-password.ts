import type { ChangePasswordRequest } from '@resolutionflow/shared/team.ts'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { checkPasswordStrength } from '../team/check-password.ts'
import type { AuthUser } from './auth-user.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { hashToken } from './sign-in.ts'

/**
 * Changes the signed-in user's own password. The current one is required; every other
 * sign-in session of theirs ends (the one making the change stays signed in).
 */
export async function changePassword(
  deps: { prisma: PrismaClient; bus: Bus; log: { error(obj: unknown, msg: string): void } },
  input: ChangePasswordRequest & { user: AuthUser; sessionToken: string },
): Promise<void> {
  const { user } = input
  const row = await deps.prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })
  if (!(await verifyPassword(row.passwordHash, input.current_password))) {
    throw new AppError(401, 'INVALID_CREDENTIALS', 'current_password: the current password is not right')
  }
  checkPasswordStrength('new_password', input.new_password, user)
  const passwordHash = await hashPassword(input.new_password)
  const keep = hashToken(input.sessionToken)
  const ended = await deps.prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } })
    const others = await tx.authSession.findMany({ where: { userId: user.id, tokenHash: { not: keep } }, select: { tokenHash: true } })
    await tx.authSession.deleteMany({ where: { userId: user.id, tokenHash: { not: keep } } })
    await recordAudit(tx, { organizationId: user.organizationId, actorId: user.id, targetUserId: user.id, action: 'password.changed', data: { sessions_ended: others.length } })
    return others
  })
  // Open event streams of the ended sessions close too (the events route matches auth_session_id).
  for (const s of ended) {
    await deps.bus
      .publish({ id: '', organizationId: user.organizationId, userId: user.id, type: 'session_revoked', payload: { auth_session_id: s.tokenHash } })
      .catch((err) => deps.log.error({ err }, 'session_revoked broadcast failed'))
  }
}
