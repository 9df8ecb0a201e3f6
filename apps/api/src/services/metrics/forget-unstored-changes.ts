import type { PrismaClient } from '../../generated/prisma/client.ts'

/**
 * Changes logged for a stretch whose figures are not stored invalidate nothing (it is computed
 * fresh when first read), yet every write to an old escalation logs one: the purge job drops
 * them. Under the lock reads take to store figures, so a stretch stored meanwhile keeps the
 * changes its computation did not see; and only for the organizations it holds the lock of: a
 * change logged after the lock was taken, of an organization that had none then, may be for a
 * stretch a read is storing right now (not visible yet, so "not stored").
 */
export async function forgetUnstoredChanges(prisma: PrismaClient) {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ o: string }>>`
      SELECT o, pg_advisory_xact_lock(hashtext('metrics-figures:' || o))::text AS locked
      FROM (SELECT DISTINCT "organizationId" AS o FROM "MetricsChange" ORDER BY 1) orgs`
    const orgs = JSON.stringify(locked.map((row) => row.o))
    return tx.$executeRaw`
      DELETE FROM "MetricsChange" c
      WHERE c."organizationId" IN (SELECT jsonb_array_elements_text(${orgs}::jsonb))
        AND NOT EXISTS (SELECT 1 FROM "MetricsFigures" m WHERE m."organizationId" = c."organizationId" AND m."hours" = c."hours" AND m."start" = c."start")`
  })
}
