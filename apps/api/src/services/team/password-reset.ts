import { AppError, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { hashToken, newLinkToken } from '../../lib/tokens.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { hashPassword } from '../auth/password.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { checkPasswordStrength } from './check-password.ts'
import { requireAdmin } from './require-admin.ts'

export const RESET_TTL_MS = 24 * 60 * 60 * 1000

/** An admin issues a one-time reset link for an active member (valid 24 hours; earlier links stop working). */
export async function issuePasswordReset(
  deps: { prisma: PrismaClient },
  input: { user: AuthUser; memberId: string; linkBase: string },
): Promise<{ url: string; expires_at: string }> {
  const { user } = input
  const target = await deps.prisma.user.findFirst({ where: { id: input.memberId, organizationId: user.organizationId } })
  if (!target) throw notFound('Member')
  requireAdmin(user)
  if (!target.active) throw new AppError(409, 'MEMBER_INACTIVE', `${target.name} is deactivated; reactivate them first`)
  const { token, tokenHash } = newLinkToken()
  const expiresAt = new Date(Date.now() + RESET_TTL_MS)
  await deps.prisma.$transaction(async (tx) => {
    await tx.passwordReset.updateMany({ where: { userId: target.id, usedAt: null }, data: { usedAt: new Date() } })
    await tx.passwordReset.create({ data: { tokenHash, userId: target.id, issuedById: user.id, expiresAt } })
    await recordAudit(tx, { organizationId: user.organizationId, actorId: user.id, targetUserId: target.id, action: 'password.reset_issued', data: {} })
  })
  return { url: `${input.linkBase}/reset-password/${token}`, expires_at: expiresAt.toISOString() }
}

async function openReset(deps: { prisma: PrismaClient }, token: string) {
  const reset = await deps.prisma.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } })
  if (!reset) throw notFound('Reset link')
  if (reset.usedAt) throw new AppError(409, 'RESET_LINK_USED', 'This reset link was already used or replaced; ask your admin for a new one')
  if (reset.expiresAt <= new Date() || !reset.user.active) {
    throw new AppError(410, 'RESET_LINK_EXPIRED', 'This reset link has expired; ask your admin for a new one')
  }
  return reset
}

export async function previewPasswordReset(deps: { prisma: PrismaClient }, input: { token: string }) {
  const reset = await openReset(deps, input.token)
  return { email: reset.user.email, name: reset.user.name, expires_at: reset.expiresAt.toISOString() }
}

/** Sets the new password from a reset link (single use, one conditional write) and ends all of that person's sessions. */
export async function completePasswordReset(
  deps: { prisma: PrismaClient; bus: Bus; log: { error(obj: unknown, msg: string): void } },
  input: { token: string; new_password: string },
): Promise<void> {
  const reset = await openReset(deps, input.token)
  checkPasswordStrength('new_password', input.new_password, reset.user)
  const passwordHash = await hashPassword(input.new_password)
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { tokenHash: reset.tokenHash, usedAt: null }, data: { usedAt: new Date() } })
    if (count === 0) throw new AppError(409, 'RESET_LINK_USED', 'This reset link was already used; ask your admin for a new one')
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } })
    await tx.authSession.deleteMany({ where: { userId: reset.userId } })
    await recordAudit(tx, { organizationId: reset.user.organizationId, actorId: reset.userId, targetUserId: reset.userId, action: 'password.reset_used', data: {} })
  })
  await deps.bus
    .publish({ id: '', organizationId: reset.user.organizationId, userId: reset.userId, type: 'session_revoked', payload: { user_id: reset.userId } })
    .catch((err) => deps.log.error({ err }, 'session_revoked broadcast failed'))
}
