import type { PrismaClient } from '../../generated/prisma/client.ts'
import { pruneStoredFigures } from '../metrics/prune-stored-figures.ts'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionSettings {
  /** Outbox events are kept this long: the oldest a reconnecting browser can replay. */
  eventDays: number
  readNotificationDays: number
  /** A failed-sign-in count last moved longer ago than this, with its lock run out, is forgotten. */
  loginThrottleMs: number
}

/**
 * The `purge-old-rows` job: nothing else ever deletes, so without it the outbox, the bell's
 * history, the sign-in sessions and the failed-sign-in counts (one per e-mail tried, real or
 * not) would grow without bound. Unread notifications stay. The team metrics' store is pruned
 * too (`pruneStoredFigures`).
 */
export async function purgeOldRows(deps: { prisma: PrismaClient }, settings: RetentionSettings, now = new Date()) {
  const [events, notifications, authSessions, loginThrottles] = await Promise.all([
    deps.prisma.event.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - settings.eventDays * DAY_MS) } } }),
    deps.prisma.notification.deleteMany({ where: { readAt: { lt: new Date(now.getTime() - settings.readNotificationDays * DAY_MS) } } }),
    deps.prisma.authSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    deps.prisma.loginThrottle.deleteMany({
      where: { lastFailureAt: { lt: new Date(now.getTime() - settings.loginThrottleMs) }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    }),
  ])
  const metrics = await pruneStoredFigures(deps.prisma, now)
  return { events: events.count, notifications: notifications.count, authSessions: authSessions.count, loginThrottles: loginThrottles.count, metricsHours: metrics.hours, metricsChanges: metrics.changes }
}
