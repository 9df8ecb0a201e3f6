import type { PrismaClient } from '../../generated/prisma/client.ts'

/**
 * Changes logged for a day or hour whose figures are not stored invalidate nothing (it is
 * computed fresh when first read), yet every write to an old escalation logs one: the purge
 * job drops them. Under the lock reads take to store figures, so a stretch stored meanwhile
 * keeps the changes its computation did not see.
 */
export async function forgetUnstoredChanges(prisma: PrismaClient) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`
      SELECT count(pg_advisory_xact_lock(hashtext('metrics-figures:' || o)))::int AS locked
      FROM (SELECT DISTINCT "organizationId" AS o FROM "MetricsChange" ORDER BY 1) orgs`
    return tx.$executeRaw`
      DELETE FROM "MetricsChange" c
      WHERE NOT EXISTS (SELECT 1 FROM "MetricsFigures" m WHERE m."organizationId" = c."organizationId" AND m."hours" = c."hours" AND m."start" = c."start")`
  })
}
