import type { CreateInvitationRequest, Invitation } from '@resolutionflow/shared/team.ts'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Mailer } from '../../lib/mailer.ts'
import { newLinkToken } from '../../lib/tokens.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { requireAdmin } from './require-admin.ts'
import { invitationInclude, toWireInvitation } from './wire-team.ts'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000

/**
 * An admin invites someone by e-mail with a role. The link carries a single-use token
 * (only its hash is stored) valid for 7 days; earlier open invitations of the same address
 * are revoked, so only the newest link works. With SMTP configured the link is e-mailed
 * after the commit; either way the admin gets it to copy.
 */
export async function createInvitation(
  deps: { prisma: PrismaClient; mailer: Mailer | null; log: { error(obj: unknown, msg: string): void } },
  input: CreateInvitationRequest & { user: AuthUser; linkBase: string },
): Promise<Invitation> {
  const { user } = input
  requireAdmin(user)
  const existing = await deps.prisma.user.findUnique({ where: { email: input.email }, select: { organizationId: true } })
  // Accounts are global by e-mail: an address in use, in this organization or another, cannot be invited.
  if (existing) throw new AppError(409, 'ALREADY_MEMBER', `${input.email} already has an account`)

  const { token, tokenHash } = newLinkToken()
  const invitation = await deps.prisma.$transaction(async (tx) => {
    const now = new Date()
    await tx.invitation.updateMany({
      where: { organizationId: user.organizationId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    const created = await tx.invitation.create({
      data: {
        organizationId: user.organizationId,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedById: user.id,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
      include: invitationInclude,
    })
    await recordAudit(tx, {
      organizationId: user.organizationId,
      actorId: user.id,
      action: 'invitation.created',
      data: { email: input.email, role: input.role },
    })
    return created
  })

  const url = `${input.linkBase}/invite/${token}`
  let emailed = false
  if (deps.mailer) {
    try {
      await deps.mailer.send({
        to: input.email,
        subject: `${user.name} invited you to ${user.organizationName} on ResolutionFlow`,
        text: [
          `${user.name} invited you to join ${user.organizationName} on ResolutionFlow as ${input.role}.`,
          '',
          `Choose your name and password here (the link works once and expires in 7 days):`,
          url,
        ].join('\n'),
      })
      emailed = true
    } catch (err) {
      // The invitation stands; the admin still gets the link to pass on by hand.
      deps.log.error({ err, invitationId: invitation.id }, 'invitation e-mail failed')
    }
  }
  return { ...toWireInvitation(invitation), url, emailed }
}
