import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** Who can pick up an escalation in the user's organization (the user excluded). */
export async function listSeniors(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }) {
  return deps.prisma.user.findMany({
    where: { organizationId: user.organizationId, role: { in: ['senior', 'admin'] }, active: true, id: { not: user.id } },
    select: { id: true, name: true, role: true },
    orderBy: { name: 'asc' },
  })
}
