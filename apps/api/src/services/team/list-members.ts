import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { requireAdmin } from './require-admin.ts'
import { memberSelect, toWireMember } from './wire-team.ts'

/** Everyone in the organization, deactivated people included (listed after the active ones). */
export async function listMembers(deps: { prisma: PrismaClient }, input: { user: AuthUser }) {
  requireAdmin(input.user)
  const rows = await deps.prisma.user.findMany({
    where: { organizationId: input.user.organizationId },
    select: memberSelect,
    orderBy: [{ active: 'desc' }, { name: 'asc' }],
  })
  return rows.map(toWireMember)
}
