import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { requireAdmin } from './require-admin.ts'

/** Withdraws an open invitation; its link then answers 410. Another organization's is 404. */
export async function revokeInvitation(deps: { prisma: PrismaClient }, input: { user: AuthUser; invitationId: string }) {
  const { user } = input
  const invitation = await deps.prisma.invitation.findFirst({ where: { id: input.invitationId, organizationId: user.organizationId } })
  if (!invitation) throw notFound('Invitation')
  requireAdmin(user)
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    if (count === 1) {
      await recordAudit(tx, { organizationId: user.organizationId, actorId: user.id, action: 'invitation.revoked', data: { email: invitation.email } })
    }
  })
}
