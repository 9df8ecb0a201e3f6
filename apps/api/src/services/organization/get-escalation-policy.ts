import type { PrismaClient } from '../../generated/prisma/client.ts'

/** After how long an unclaimed escalation is sent again, and then to everyone (seconds). */
export interface EscalationPolicy {
  renotify_after_s: number
  widen_after_s: number
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { renotify_after_s: 300, widen_after_s: 900 }

/**
 * The escalation policy of an organization: the one place it is read. Organizations have
 * no policy of their own yet, so this is `defaults` (the config's ESCALATION_* values,
 * 300 s and 900 s unless set); an organization setting stored later overrides it here.
 */
export async function getEscalationPolicy(
  _prisma: Pick<PrismaClient, 'organization'>,
  _organizationId: string,
  defaults: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): Promise<EscalationPolicy> {
  return defaults
}
