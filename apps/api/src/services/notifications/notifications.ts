import type { Notification } from '@resolutionflow/shared/notifications.ts'
import { pickupLink } from '@resolutionflow/shared/notifications.ts'
import { notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { LIST_PAGES } from '@resolutionflow/shared/list-pages.ts'

/** The bell: the user's latest notifications and how many are unread. */
export async function listNotifications(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }) {
  const [rows, unread] = await Promise.all([
    deps.prisma.notification.findMany({
      where: { userId: user.id },
      include: { actor: { select: { id: true, name: true } } },
      orderBy: { createdAt: 'desc' },
      take: LIST_PAGES.notifications,
    }),
    // An obsolete notification (the handoff was cancelled, or they declined it) is no longer news.
    deps.prisma.notification.count({ where: { userId: user.id, readAt: null, obsoleteAt: null } }),
  ])
  const notifications: Notification[] = rows.map((n) => ({
    id: n.id,
    kind: n.kind as Notification['kind'],
    title: n.title,
    body: n.body,
    actor: n.actor,
    session_id: n.sessionId,
    handoff_id: n.handoffId,
    // Escalated and picked up open the handoff context; a decline, hand back or resolution opens the chat.
    link: n.kind === 'handoff_created' || n.kind === 'handoff_claimed' ? pickupLink(n.sessionId) : `/chat/${n.sessionId}`,
    read: n.readAt !== null,
    obsolete: n.obsoleteAt !== null,
    created_at: n.createdAt.toISOString(),
  }))
  return { notifications, unread }
}

export async function markNotificationRead(
  deps: { prisma: PrismaClient },
  { user, notificationId }: { user: AuthUser; notificationId: string },
) {
  const exists = await deps.prisma.notification.findFirst({ where: { id: notificationId, userId: user.id }, select: { id: true } })
  if (!exists) throw notFound('Notification')
  await deps.prisma.notification.updateMany({ where: { id: notificationId, readAt: null }, data: { readAt: new Date() } })
}

export async function markAllNotificationsRead(deps: { prisma: PrismaClient }, { user }: { user: AuthUser }) {
  await deps.prisma.notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: new Date() } })
}
