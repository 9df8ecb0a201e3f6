import type { PrismaClient } from '../../generated/prisma/client.ts'

/**
 * Hours of days this long past are not kept: a period's edge falls on an hour of its first
 * day, and as the default period (the last 30 days) moves on, every day collects a few such
 * hour stretches that no default read asks for again. A read of an older edge computes them
 * from a day of rows at most.
 */
export const KEEP_HOURS_DAYS = 40

/**
 * The purge job's part of the team-metrics store. Changes logged for a stretch whose figures
 * are not stored invalidate nothing (it is computed fresh when first read), yet every write to
 * an old escalation logs one; and hour stretches of old days (above). Under the lock reads take
 * to store figures, so a stretch stored meanwhile keeps the changes its computation did not
 * see; and only for the organizations it holds the lock of: a change logged after the lock was
 * taken, of an organization that had none then, may be for a stretch a read is storing right
 * now (not visible yet, so "not stored").
 */
export async function pruneStoredFigures(prisma: PrismaClient, now = new Date()) {
  const oldHours = new Date(now.getTime() - KEEP_HOURS_DAYS * 24 * 60 * 60 * 1000)
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ o: string }>>`
      SELECT o, pg_advisory_xact_lock(hashtext('metrics-figures:' || o))::text AS locked FROM (
        SELECT "organizationId" AS o FROM "MetricsChange"
        UNION SELECT "organizationId" FROM "MetricsFigures" WHERE "hours" < 24 AND "start" < ${oldHours}
        ORDER BY 1
      ) orgs`
    const orgs = JSON.stringify(locked.map((row) => row.o))
    const hours = await tx.$executeRaw`
      DELETE FROM "MetricsFigures"
      WHERE "organizationId" IN (SELECT jsonb_array_elements_text(${orgs}::jsonb)) AND "hours" < 24 AND "start" < ${oldHours}`
    const changes = await tx.$executeRaw`
      DELETE FROM "MetricsChange" c
      WHERE c."organizationId" IN (SELECT jsonb_array_elements_text(${orgs}::jsonb))
        AND NOT EXISTS (SELECT 1 FROM "MetricsFigures" m WHERE m."organizationId" = c."organizationId" AND m."hours" = c."hours" AND m."start" = c."start")`
    return { hours, changes }
  })
}
