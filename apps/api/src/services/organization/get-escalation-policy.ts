import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/outbox.ts'

/** After how long an unclaimed escalation is sent again, and then to everyone (seconds). */
export interface EscalationPolicy {
  renotify_after_s: number
  widen_after_s: number
}

/**
 * The escalation policy of an organization (made in one place, escalationPolicyOf): what its admin set
 * on the settings page (defaults 300 s and 900 s), unless the server's ESCALATION_* variables
 * override it for every organization (a demo, tests with short timers).
 */
export async function getEscalationPolicy(
  prisma: Pick<PrismaClient | Tx, 'organization'>,
  organizationId: string,
  override: Partial<EscalationPolicy> = {},
): Promise<EscalationPolicy> {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: policyColumns })
  return escalationPolicyOf(org, override)
}

/** The organization's columns the policy is made of, to read along with other things. */
export const policyColumns = { renotifyAfterS: true, widenAfterS: true } as const

/** The policy from the organization's columns, with the server's override applied. */
export function escalationPolicyOf(
  org: { renotifyAfterS: number; widenAfterS: number },
  override: Partial<EscalationPolicy> = {},
): EscalationPolicy {
  return {
    renotify_after_s: override.renotify_after_s ?? org.renotifyAfterS,
    widen_after_s: override.widen_after_s ?? org.widenAfterS,
  }
}
