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
 * an old escalation logs one; a stretch's repeated changes say no more than one; and hour
 * stretches of old days (above). Under the lock reads take to store figures, so a stretch stored
 * meanwhile keeps the changes its computation did not see; and only for the organizations it
 * holds the lock of: a change logged after the lock was taken, of an organization that had none
 * then, may be for a stretch a read is storing right now (not visible yet, so "not stored").
 *
 * One short transaction per organization, and an organization whose lock a read holds is left
 * for the next run: waiting behind reads, while holding other organizations' locks, ran the
 * purge into its transaction timeout.
 */
export async function pruneStoredFigures(prisma: PrismaClient, now = new Date()) {
  const oldHours = new Date(now.getTime() - KEEP_HOURS_DAYS * 24 * 60 * 60 * 1000)
  const orgs = await prisma.$queryRaw<Array<{ o: string }>>`
    SELECT "organizationId" AS o FROM "MetricsChange"
    UNION SELECT "organizationId" FROM "MetricsFigures" WHERE "hours" < 24 AND "start" < ${oldHours}`
  const pruned = { hours: 0, changes: 0 }
  for (const { o } of orgs) {
    const done = await prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<Array<{ got: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtext(${`metrics-figures:${o}`})) AS got`
      if (!lock?.got) return null
      const hours = await tx.$executeRaw`
        DELETE FROM "MetricsFigures" WHERE "organizationId" = ${o} AND "hours" < 24 AND "start" < ${oldHours}`
      const unstored = await tx.$executeRaw`
        DELETE FROM "MetricsChange" c
        WHERE c."organizationId" = ${o}
          AND NOT EXISTS (SELECT 1 FROM "MetricsFigures" m WHERE m."organizationId" = c."organizationId" AND m."hours" = c."hours" AND m."start" = c."start")`
      const repeated = await tx.$executeRaw`
        DELETE FROM "MetricsChange" c USING "MetricsChange" first
        WHERE c."organizationId" = ${o} AND first."organizationId" = ${o}
          AND first."hours" = c."hours" AND first."start" = c."start" AND first."id" < c."id"`
      return { hours, changes: unstored + repeated }
    })
    if (done) {
      pruned.hours += done.hours
      pruned.changes += done.changes
    }
  }
  return pruned
}
