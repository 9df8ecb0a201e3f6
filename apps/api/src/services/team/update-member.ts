import { removesLastAdmin } from '@resolutionflow/shared/roles.ts'
import type { Member, UpdateMemberRequest } from '@resolutionflow/shared/team.ts'
import { AppError, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { requireAdmin } from './require-admin.ts'
import { memberSelect, toWireMember } from './wire-team.ts'

/**
 * An admin changes a member's role or deactivates / reactivates them. The organization
 * always keeps one active admin: the transaction locks the organization's row first, so two
 * admins demoting each other at once are serialized and the second gets 409 LAST_ADMIN.
 * Deactivation deletes the member's sign-in sessions in the same transaction. After the
 * commit, a deactivation or a role change tells every replica (`session_revoked`): their open
 * event streams close (a stream reconnects with the new role) and their cached sign-ins go.
 */
export async function updateMember(
  deps: { prisma: PrismaClient; bus: Bus; log: { error(obj: unknown, msg: string): void } },
  input: UpdateMemberRequest & { user: AuthUser; memberId: string },
): Promise<Member> {
  const { user } = input
  const target = await deps.prisma.user.findFirst({ where: { id: input.memberId, organizationId: user.organizationId }, select: { id: true } })
  if (!target) throw notFound('Member')
  requireAdmin(user)

  const { member, revoked } = await deps.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${user.organizationId} FOR UPDATE`
    const before = await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: memberSelect })
    const role = input.role ?? before.role
    const active = input.active ?? before.active
    const otherAdmins = await tx.user.count({
      where: { organizationId: user.organizationId, role: 'admin', active: true, id: { not: before.id } },
    })
    if (removesLastAdmin(before, { role, active }, otherAdmins)) {
      throw new AppError(409, 'LAST_ADMIN', `${before.name} is the last active admin; make someone else admin first`)
    }
    const after = await tx.user.update({
      where: { id: before.id },
      data: { role, active, deactivatedAt: active ? null : before.active ? new Date() : undefined },
      select: memberSelect,
    })
    const audit = { organizationId: user.organizationId, actorId: user.id, targetUserId: before.id }
    if (role !== before.role) {
      await recordAudit(tx, { ...audit, action: 'member.role_changed', data: { from: before.role, to: role } })
    }
    if (active !== before.active) {
      await recordAudit(tx, { ...audit, action: active ? 'member.reactivated' : 'member.deactivated', data: {} })
      // Their cookies stop working at once: the sessions are gone, and the auth hook also refuses inactive users.
      if (!active) await tx.authSession.deleteMany({ where: { userId: before.id } })
    }
    return { member: after, revoked: (before.active && !active) || role !== before.role }
  })

  if (revoked) {
    await deps.bus
      .publish({ id: '', organizationId: user.organizationId, userId: member.id, type: 'session_revoked', payload: { user_id: member.id } })
      .catch((err) => deps.log.error({ err, userId: member.id }, 'session_revoked broadcast failed'))
  }
  return toWireMember(member)
}
