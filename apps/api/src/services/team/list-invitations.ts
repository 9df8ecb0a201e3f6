import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { requireAdmin } from './require-admin.ts'
import { invitationInclude, toWireInvitation } from './wire-team.ts'

/** Open invitations of the organization: not accepted, not revoked, not expired. */
export async function listInvitations(deps: { prisma: PrismaClient }, input: { user: AuthUser }) {
  requireAdmin(input.user)
  const rows = await deps.prisma.invitation.findMany({
    where: { organizationId: input.user.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    include: invitationInclude,
  })
  return rows.map(toWireInvitation)
}
