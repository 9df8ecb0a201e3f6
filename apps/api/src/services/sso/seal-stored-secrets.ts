import type { PrismaClient } from '../../generated/prisma/client.ts'
import { SEALED_PREFIX, type SecretBox } from '../../lib/sealed-secret.ts'

/**
 * At boot: OIDC client secrets stored before they were sealed are sealed now, each with a
 * conditional write (a replica doing the same at the same moment changes nothing twice).
 */
export async function sealStoredSecrets(deps: { prisma: PrismaClient; secrets: SecretBox }): Promise<number> {
  const plain = await deps.prisma.organization.findMany({
    where: { oidcClientSecret: { not: null }, NOT: { oidcClientSecret: { startsWith: SEALED_PREFIX } } },
    select: { id: true, oidcClientSecret: true },
  })
  let sealed = 0
  for (const org of plain) {
    const { count } = await deps.prisma.organization.updateMany({
      where: { id: org.id, oidcClientSecret: org.oidcClientSecret },
      data: { oidcClientSecret: deps.secrets.seal(org.oidcClientSecret!) },
    })
    sealed += count
  }
  return sealed
}
