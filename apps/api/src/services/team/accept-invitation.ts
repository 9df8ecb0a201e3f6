import type { AcceptInvitationRequest } from '@resolutionflow/shared/team.ts'
import { AppError, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { hashToken } from '../../lib/tokens.ts'
import { authUserInclude, toAuthUser, type AuthUser } from '../auth/auth-user.ts'
import { openSession } from '../auth/open-session.ts'
import { hashPassword } from '../auth/password.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { checkPasswordStrength } from './check-password.ts'

type InvitationRow = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }

/** 404 for an unknown link, 409 once used, 410 once expired or withdrawn. */
export function assertInvitationOpen(invitation: InvitationRow | null): asserts invitation is InvitationRow {
  if (!invitation) throw notFound('Invitation')
  if (invitation.acceptedAt) throw new AppError(409, 'INVITATION_USED', 'This invitation was already used; sign in instead')
  if (invitation.revokedAt || invitation.expiresAt <= new Date()) {
    throw new AppError(410, 'INVITATION_EXPIRED', 'This invitation has expired; ask your admin for a new one')
  }
}

/** What the accept page shows: which organization, which address and role. */
export async function previewInvitation(deps: { prisma: PrismaClient }, input: { token: string }) {
  const invitation = await deps.prisma.invitation.findUnique({
    where: { tokenHash: hashToken(input.token) },
    include: { organization: { select: { name: true } } },
  })
  assertInvitationOpen(invitation)
  return {
    email: invitation.email,
    role: invitation.role,
    organization: { name: invitation.organization.name },
    expires_at: invitation.expiresAt.toISOString(),
  }
}

/**
 * The invitee sets name and password and is signed in, into the inviting organization with
 * the invited role. One conditional write on `acceptedAt` claims the link, so two tabs
 * submitting at once make one account; the account, the claim and the audit row commit together.
 */
export async function acceptInvitation(
  deps: { prisma: PrismaClient; sessionTtlMs: number },
  input: AcceptInvitationRequest & { token: string },
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
  const invitation = await deps.prisma.invitation.findUnique({ where: { tokenHash: hashToken(input.token) } })
  assertInvitationOpen(invitation)
  checkPasswordStrength('password', input.password, { email: invitation.email, name: input.name })
  const passwordHash = await hashPassword(input.password)

  return deps.prisma.$transaction(async (tx) => {
    const now = new Date()
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    })
    if (count === 0) {
      assertInvitationOpen(await tx.invitation.findUnique({ where: { id: invitation.id } }))
      throw new AppError(409, 'INVITATION_USED', 'This invitation was already used; sign in instead')
    }
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new AppError(409, 'ALREADY_MEMBER', `${invitation.email} already has an account; sign in instead`)
    }
    const user = await tx.user.create({
      data: { organizationId: invitation.organizationId, email: invitation.email, name: input.name, role: invitation.role, passwordHash },
      include: authUserInclude,
    })
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedUserId: user.id } })
    await recordAudit(tx, {
      organizationId: invitation.organizationId,
      actorId: user.id,
      targetUserId: user.id,
      action: 'invitation.accepted',
      data: { email: invitation.email, role: invitation.role },
    })
    const session = await openSession(tx, user.id, deps.sessionTtlMs)
    return { user: toAuthUser(user), ...session }
  })
}
