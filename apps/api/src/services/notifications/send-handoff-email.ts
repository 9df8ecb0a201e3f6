import { pickupLink } from '@resolutionflow/shared/notifications.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Mailer } from '../../lib/mailer.ts'
import type { HandoffNotificationKind } from './notify-users.ts'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The `send-email` job: one e-mail to one senior about a pending handoff, with the link to
 * the pickup screen and the junior's note. Nothing is sent if the handoff was picked up (or
 * cancelled) before the job ran, or the senior turned e-mail off meanwhile. A failure throws,
 * and pg-boss retries the job.
 */
export async function sendHandoffEmail(
  deps: { prisma: PrismaClient; mailer: Mailer | null; publicUrl: string },
  input: { userId: string; handoffId: string; kind: HandoffNotificationKind },
): Promise<'sent' | 'skipped'> {
  if (!deps.mailer) return 'skipped'
  const [user, handoff] = await Promise.all([
    deps.prisma.user.findUnique({ where: { id: input.userId }, select: { email: true, name: true, notifyEmail: true } }),
    deps.prisma.handoff.findUnique({
      where: { id: input.handoffId },
      select: { status: true, note: true, sessionId: true, createdAt: true, session: { select: { title: true } }, handedOffBy: { select: { name: true } } },
    }),
  ])
  if (!user?.notifyEmail || !handoff || handoff.status !== 'pending') return 'skipped'

  const link = `${deps.publicUrl}${pickupLink(handoff.sessionId)}`
  const who = handoff.handedOffBy.name
  const subject = {
    handoff_created: `${who} escalated: ${handoff.session.title}`,
    handoff_renotified: `Still waiting for a senior: ${handoff.session.title}`,
    handoff_widened: `Nobody has picked this up yet: ${handoff.session.title}`,
  }[input.kind]
  const lead = {
    handoff_created: `${who} escalated a session to you and is waiting for a senior.`,
    handoff_renotified: `${who}'s escalation is still waiting for a senior.`,
    handoff_widened: `${who}'s escalation has not been picked up, so it now goes to every senior and admin.`,
  }[input.kind]
  const note = handoff.note ? `Their note: ${handoff.note}` : 'They left no note.'
  const text = [`Hi ${user.name},`, '', lead, '', `Session: ${handoff.session.title}`, note, '', `Pick it up: ${link}`].join('\n')
  const html = [
    `<p>Hi ${escapeHtml(user.name)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<p><strong>${escapeHtml(handoff.session.title)}</strong><br>${escapeHtml(note)}</p>`,
    `<p><a href="${escapeHtml(link)}">Open the pickup screen</a></p>`,
  ].join('\n')
  await deps.mailer.sendMail({ to: user.email, subject, text, html })
  return 'sent'
}
