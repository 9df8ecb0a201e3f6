import type { AuditActions } from '@resolutionflow/shared/team.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'

export type AuditAction = (typeof AuditActions)[number]

/** One audit row, always written inside the transaction of the change it records. */
export async function recordAudit(
  tx: Tx,
  entry: { organizationId: string; actorId: string | null; action: AuditAction; targetUserId?: string | null; data?: Record<string, unknown> },
) {
  await tx.auditEntry.create({
    data: {
      organizationId: entry.organizationId,
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      data: (entry.data ?? {}) as Prisma.InputJsonValue,
    },
  })
}
