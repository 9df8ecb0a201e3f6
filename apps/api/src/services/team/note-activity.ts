import type { PrismaClient } from '../../generated/prisma/client.ts'

const EVERY_MS = 5 * 60_000
const lastNoted = new Map<string, number>()

/**
 * Records that a member used the app ("last activity" on the People page), at most once
 * every 5 minutes per user and process, so it costs no write on ordinary requests.
 */
export async function noteActivity(deps: { prisma: PrismaClient; log: { warn(obj: unknown, msg: string): void } }, userId: string) {
  const now = Date.now()
  if (now - (lastNoted.get(userId) ?? 0) < EVERY_MS) return
  lastNoted.set(userId, now)
  if (lastNoted.size > 50_000) lastNoted.clear()
  // Awaited (PGlite has one connection: a stray query must not interleave with the request's
  // transaction); a failure only loses a timestamp.
  await deps.prisma.user
    .updateMany({ where: { id: userId }, data: { lastActiveAt: new Date(now) } })
    .catch((err) => deps.log.warn({ err, userId }, 'last activity not recorded'))
}
