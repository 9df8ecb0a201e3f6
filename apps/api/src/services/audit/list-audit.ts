import type { AuditResponse } from '@resolutionflow/shared/team.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { requireAdmin } from '../team/require-admin.ts'

/** The organization's audit trail, newest first; `cursor` is the last id of the previous page. */
export async function listAudit(
  deps: { prisma: PrismaClient },
  input: { user: AuthUser; cursor?: string; limit: number },
): Promise<AuditResponse> {
  requireAdmin(input.user)
  const rows = await deps.prisma.auditEntry.findMany({
    where: { organizationId: input.user.organizationId, ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    include: { actor: { select: { id: true, name: true } }, targetUser: { select: { id: true, name: true } } },
  })
  const page = rows.slice(0, input.limit)
  return {
    entries: page.map((r) => ({
      id: r.id.toString(),
      action: r.action as AuditResponse['entries'][number]['action'],
      actor: r.actor,
      target: r.targetUser,
      data: (r.data ?? {}) as Record<string, unknown>,
      created_at: r.createdAt.toISOString(),
    })),
    next_cursor: rows.length > input.limit ? page[page.length - 1]!.id.toString() : null,
  }
}
