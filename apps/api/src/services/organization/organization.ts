import type { Organization, UpdateOrganizationRequest } from '@resolutionflow/shared/organization.ts'
import type { SecretBox } from '../../lib/sealed-secret.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Organization as OrganizationRow } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { recordAudit } from '../audit/record-audit.ts'
import { requireAdmin } from '../team/require-admin.ts'

export const jitDomainsOf = (row: Pick<OrganizationRow, 'oidcJitDomains'>) =>
  Array.isArray(row.oidcJitDomains) ? (row.oidcJitDomains as string[]) : []

export const ssoEnabled = (row: Pick<OrganizationRow, 'oidcIssuer' | 'oidcClientId'>) => Boolean(row.oidcIssuer && row.oidcClientId)

export function toWireOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    llm_model_label: row.llmModelLabel,
    escalation_policy: { renotify_after_s: row.renotifyAfterS, widen_after_s: row.widenAfterS },
    sso: {
      issuer: row.oidcIssuer,
      client_id: row.oidcClientId,
      // Write-only: the API says whether a secret is stored, never what it is.
      client_secret_set: Boolean(row.oidcClientSecret),
      jit_domains: jitDomainsOf(row),
      enabled: ssoEnabled(row),
    },
  }
}

export async function getOrganization(deps: { prisma: PrismaClient }, input: { user: AuthUser }): Promise<Organization> {
  requireAdmin(input.user)
  return toWireOrganization(await deps.prisma.organization.findUniqueOrThrow({ where: { id: input.user.organizationId } }))
}

/**
 * An admin changes the organization's settings. What changed is audited in the same
 * transaction: settings as before → after, SSO as a separate entry that names the fields
 * changed but never the secret.
 */
export async function updateOrganization(
  deps: { prisma: PrismaClient; secrets: SecretBox },
  input: UpdateOrganizationRequest & { user: AuthUser },
): Promise<Organization> {
  const { user } = input
  requireAdmin(user)
  return deps.prisma.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId } })
    const sso = input.sso
    const after = await tx.organization.update({
      where: { id: before.id },
      data: {
        name: input.name,
        llmModelLabel: input.llm_model_label === undefined ? undefined : input.llm_model_label || null,
        renotifyAfterS: input.escalation_policy?.renotify_after_s,
        widenAfterS: input.escalation_policy?.widen_after_s,
        oidcIssuer: sso?.issuer === undefined ? undefined : sso.issuer?.replace(/\/+$/, '') || null,
        oidcClientId: sso?.client_id === undefined ? undefined : sso.client_id || null,
        // Stored sealed (lib/sealed-secret.ts): a copy of the database alone does not reveal it.
        oidcClientSecret: sso?.client_secret === undefined ? undefined : sso.client_secret ? deps.secrets.seal(sso.client_secret, before.id) : null,
        oidcJitDomains: sso?.jit_domains === undefined ? undefined : [...new Set(sso.jit_domains)],
      },
    })
    const settings: Record<string, { from: unknown; to: unknown }> = {}
    const compare = (key: string, from: unknown, to: unknown) => {
      if (JSON.stringify(from) !== JSON.stringify(to)) settings[key] = { from, to }
    }
    compare('name', before.name, after.name)
    compare('llm_model_label', before.llmModelLabel, after.llmModelLabel)
    compare('escalation_policy.renotify_after_s', before.renotifyAfterS, after.renotifyAfterS)
    compare('escalation_policy.widen_after_s', before.widenAfterS, after.widenAfterS)
    if (Object.keys(settings).length) {
      await recordAudit(tx, { organizationId: before.id, actorId: user.id, action: 'organization.updated', data: { changes: settings } })
    }
    const ssoChanges: Record<string, unknown> = {}
    if (before.oidcIssuer !== after.oidcIssuer) ssoChanges.issuer = { from: before.oidcIssuer, to: after.oidcIssuer }
    if (before.oidcClientId !== after.oidcClientId) ssoChanges.client_id = { from: before.oidcClientId, to: after.oidcClientId }
    // Sealed values differ each time (a fresh IV): what changed is the secret itself.
    // One that no longer opens (SESSION_SECRET changed) is being replaced.
    const secretOf = (stored: string | null) => {
      try {
        return stored === null ? null : deps.secrets.open(stored, before.id)
      } catch {
        return undefined
      }
    }
    if (sso?.client_secret !== undefined && secretOf(before.oidcClientSecret) !== (sso.client_secret || null)) {
      ssoChanges.client_secret = sso.client_secret ? 'replaced' : 'removed'
    }
    if (JSON.stringify(jitDomainsOf(before)) !== JSON.stringify(jitDomainsOf(after))) {
      ssoChanges.jit_domains = { from: jitDomainsOf(before), to: jitDomainsOf(after) }
    }
    if (Object.keys(ssoChanges).length) {
      await recordAudit(tx, { organizationId: before.id, actorId: user.id, action: 'sso.updated', data: { changes: ssoChanges } })
    }
    return toWireOrganization(after)
  })
}
