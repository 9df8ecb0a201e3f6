import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { AppError, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'
import { handoffInclude, type HandoffRow } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'

/** A handoff of the user's organization, or 404: another organization's is indistinguishable from none. */
export async function findHandoff(db: PrismaClient | Tx, user: AuthUser, handoffId: string): Promise<HandoffRow> {
  const row = await db.handoff.findFirst({ where: { id: handoffId, organizationId: user.organizationId }, include: handoffInclude })
  if (!row) throw notFound('Handoff')
  return row
}

/** The 409 for acting on a handoff that no longer waits, naming who took it or called it off. */
export function handoffNotOpen(handoff: Pick<HandoffResponse, 'status' | 'claimed_by' | 'cancelled_by' | 'handed_back_at' | 'handed_off_by'>): AppError {
  if (handoff.status === 'cancelled') {
    const by = handoff.cancelled_by
    return new AppError(409, 'HANDOFF_NOT_OPEN', by ? `Cancelled by ${by.name}` : 'This escalation was cancelled', by ? { cancelled_by: by } : undefined)
  }
  if (handoff.handed_back_at) {
    return new AppError(409, 'HANDOFF_NOT_OPEN', `Already handed back to ${handoff.handed_off_by.name}`)
  }
  const by = handoff.claimed_by
  return new AppError(409, 'HANDOFF_NOT_OPEN', by ? `Already claimed by ${by.name}` : 'This escalation is no longer open', by ? { claimed_by: by } : undefined)
}
