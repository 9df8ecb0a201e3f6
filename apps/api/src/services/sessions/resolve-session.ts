import { canResolve, isWorkingSession, type HandoffFacts, type RootCause } from '@resolutionflow/shared/escalation-rules.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { randomUUID } from 'node:crypto'
import { AppError, forbidden, notFound } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { sessionInclude, toWireSession } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { buildSearchDocument } from '../handoffs/find-similar-sessions.ts'

/** The session and what the rules need: its status, starter, and latest handoff. */
export async function loadForResolution(prisma: PrismaClient, user: AuthUser, sessionId: string) {
  const session = await prisma.chatSession.findFirst({
    where: { id: sessionId, organizationId: user.organizationId },
    include: {
      ...sessionInclude,
      handoffs: {
        orderBy: { createdAt: 'desc' },
        select: { status: true, handedOffById: true, targetUserId: true, claimedById: true, handedBackAt: true, assessmentStatus: true },
      },
    },
  })
  if (!session) throw notFound('Session')
  const h = session.handoffs[0]
  const latest: HandoffFacts | null = h
    ? {
        status: h.status,
        handed_off_by: { id: h.handedOffById },
        target_user: h.targetUserId ? { id: h.targetUserId } : null,
        claimed_by: h.claimedById ? { id: h.claimedById } : null,
        handed_back_at: h.handedBackAt?.toISOString() ?? null,
        assessment_status: h.assessmentStatus,
      }
    : null
  const facts = { status: session.status, created_by: { id: session.createdById } }
  return { session, latest, facts, escalatedBy: [...new Set(session.handoffs.map((x) => x.handedOffById))] }
}

/**
 * Whoever works the session (its starter, or the senior holding its latest escalation)
 * closes it with what fixed it. One conditional UPDATE on `status = 'open'`: resolving twice
 * at once writes and notifies once. Everyone who escalated it hears the resolution, in the
 * bell and live; the stored search document makes it findable for the next assessment.
 */
export async function resolveSession(
  deps: { prisma: PrismaClient; bus: Bus },
  input: { user: AuthUser; sessionId: string; resolutionNote: string; rootCause?: RootCause },
): Promise<Session> {
  const { user } = input
  const { session, latest, facts, escalatedBy } = await loadForResolution(deps.prisma, user, input.sessionId)
  if (!isWorkingSession(user, facts, latest)) throw forbidden('Only the people working this session can resolve it')
  if (session.status === 'resolved') {
    throw new AppError(409, 'SESSION_ALREADY_RESOLVED', `Already resolved by ${session.resolvedBy?.name ?? 'someone else'}`)
  }
  if (!canResolve(user, facts, latest)) throw waiting()
  const note = input.resolutionNote.trim()
  const messages = await deps.prisma.message.findMany({
    where: { sessionId: session.id, role: 'user' },
    select: { content: true },
    orderBy: { createdAt: 'asc' },
    take: 50,
  })
  const searchDocument = buildSearchDocument({ title: session.title, userMessages: messages.map((m) => m.content), resolutionNote: note, rootCause: input.rootCause })

  return transactWithEvents(deps, async (tx, record) => {
    const now = new Date()
    const { count } = await tx.chatSession.updateMany({
      where: { id: session.id, status: 'open' },
      data: { status: 'resolved', resolvedAt: now, resolvedById: user.id, resolutionNote: note, rootCause: input.rootCause ?? null, searchDocument, lastActivityAt: now },
    })
    const current = await tx.chatSession.findUniqueOrThrow({ where: { id: session.id }, include: sessionInclude })
    if (count === 0) throw new AppError(409, 'SESSION_ALREADY_RESOLVED', `Already resolved by ${current.resolvedBy?.name ?? 'someone else'}`)
    // An escalation that wrote its handoff before this UPDATE took the session's row made it wait
    // for that commit: its handoff is visible from here on, and resolving waits for it.
    if (current.handoffs[0]?.status === 'pending') throw waiting()

    record({ type: 'session_resolved', organizationId: user.organizationId, payload: { session_id: session.id, resolved_by: { id: user.id, name: user.name } } })
    const recipients = [...new Set([session.createdById, ...escalatedBy])].filter((id) => id !== user.id)
    const notifications = recipients.map((userId) => ({
      id: randomUUID(),
      organizationId: user.organizationId,
      userId,
      actorId: user.id,
      sessionId: session.id,
      kind: 'session_resolved',
      title: `${user.name} resolved '${session.title}'`,
      body: note,
    }))
    await tx.notification.createMany({ data: notifications })
    for (const n of notifications) {
      record({ type: 'notification_created', organizationId: user.organizationId, userId: n.userId, payload: { notification_id: n.id, session_id: session.id } })
    }
    return toWireSession(current)
  })
}

const waiting = () => new AppError(409, 'HANDOFF_ALREADY_OPEN', 'This session is escalated and waiting for a senior: cancel the escalation first')
