import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'

/** After how long an unclaimed escalation is sent again, and then to everyone (seconds). */
export interface EscalationPolicy {
  renotify_after_s: number
  widen_after_s: number
}

/**
 * The escalation policy of an organization, the one place it is read: what its admin set
 * on the settings page (defaults 300 s and 900 s), unless the server's ESCALATION_* variables
 * override it for every organization (a demo, tests with short timers).
 */
export async function getEscalationPolicy(
  prisma: Pick<PrismaClient | Tx, 'organization'>,
  organizationId: string,
  override: Partial<EscalationPolicy> = {},
): Promise<EscalationPolicy> {
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { renotifyAfterS: true, widenAfterS: true },
  })
  return {
    renotify_after_s: override.renotify_after_s ?? org.renotifyAfterS,
    widen_after_s: override.widen_after_s ?? org.widenAfterS,
  }
}
