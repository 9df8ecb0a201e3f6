import { isWorkingSession } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { randomUUID } from 'node:crypto'
import { AppError, forbidden } from '../../errors.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { handoffInclude, toWireHandoff } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSession } from '../sessions/find-session.ts'

export interface EscalateInput {
  sessionId: string
  note?: string
  targetUserId?: string
  idempotencyKey?: string
}

/**
 * Opens a handoff: the handoff, a notification for each senior it goes to, their outbox
 * events and the `assess-handoff` job in one transaction. Returns at once; the job writes
 * the assessment in the background. With an Idempotency-Key a retried request returns the first answer
 * and creates nothing new.
 */
export async function escalateSession(
  deps: { prisma: PrismaClient; bus: Bus; jobs: JobQueue },
  user: AuthUser,
  input: EscalateInput,
): Promise<HandoffResponse> {
  const scope = `POST /api/sessions/${input.sessionId}/handoffs`
  if (input.idempotencyKey) {
    const previous = await replay(deps.prisma, user, input.idempotencyKey, scope)
    if (previous) return previous
  }
  const session = await findSession(deps.prisma, user, input.sessionId)
  // Who works the session escalates it: whoever started it, or the senior who picked up its
  // latest escalation (the web app offers the button by the same rule). Not a colleague who
  // only looked at it, nor an earlier senior it has since passed on from.
  // A senior who handed the session back is no longer working it.
  const latest = await deps.prisma.handoff.findFirst({
    where: { sessionId: session.id },
    orderBy: { createdAt: 'desc' },
    select: { status: true, claimedById: true, handedBackAt: true },
  })
  const working = isWorkingSession(
    user,
    { created_by: { id: session.createdById } },
    latest && { status: latest.status, claimed_by: latest.claimedById ? { id: latest.claimedById } : null, handed_back_at: latest.handedBackAt?.toISOString() ?? null },
  )
  if (!working) throw forbidden('Only the people working this session can escalate it')
  const recipients = await deps.prisma.user.findMany({
    where: {
      organizationId: user.organizationId,
      role: { in: ['senior', 'admin'] },
      active: true,
      id: input.targetUserId ?? { not: user.id },
    },
    select: { id: true },
  })
  if (input.targetUserId && (recipients.length === 0 || input.targetUserId === user.id)) {
    throw new AppError(400, 'VALIDATION_FAILED', 'target_user_id must be a senior or admin of your organization')
  }

  try {
    return await transactWithEvents(deps, async (tx, record, enqueue) => {
      // The partial unique index "one pending handoff per session" turns a second open
      // handoff into P2002 (caught below), which also settles two escalations racing.
      const handoff = await tx.handoff.create({
        data: {
          organizationId: user.organizationId,
          sessionId: session.id,
          handedOffById: user.id,
          targetUserId: input.targetUserId ?? null,
          note: input.note?.trim() || null,
        },
        include: handoffInclude,
      })
      await tx.chatSession.update({ where: { id: session.id }, data: { lastActivityAt: handoff.createdAt } })
      record({ type: 'handoff_created', organizationId: user.organizationId, payload: { handoff_id: handoff.id, session_id: session.id } })
      await enqueue('assess-handoff', { handoff_id: handoff.id })
      const notifications = recipients.map((recipient) => ({
        id: randomUUID(),
        organizationId: user.organizationId,
        userId: recipient.id,
        actorId: user.id,
        handoffId: handoff.id,
        sessionId: session.id,
        kind: 'handoff_created',
        title: `${user.name} escalated a session`,
        body: session.title,
      }))
      await tx.notification.createMany({ data: notifications })
      for (const n of notifications) {
        record({
          type: 'notification_created',
          organizationId: user.organizationId,
          userId: n.userId,
          payload: { notification_id: n.id, session_id: session.id },
        })
      }
      const response = toWireHandoff(handoff)
      if (input.idempotencyKey) {
        await tx.idempotencyKey.create({
          data: { userId: user.id, key: input.idempotencyKey, scope, responseStatus: 201, responseBody: response },
        })
      }
      return response
    })
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      // Either the same Idempotency-Key raced us (answer with the first request's result)
      // or another handoff of this session was opened at the same moment.
      const previous = input.idempotencyKey ? await replay(deps.prisma, user, input.idempotencyKey, scope) : null
      if (previous) return previous
      throw alreadyOpen(err)
    }
    throw err
  }
}

const alreadyOpen = (cause?: unknown) =>
  new AppError(409, 'HANDOFF_ALREADY_OPEN', 'This session is already escalated and waiting for a senior', undefined, { cause })

async function replay(prisma: PrismaClient, user: AuthUser, key: string, scope: string): Promise<HandoffResponse | null> {
  const row = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId: user.id, key } } })
  if (!row) return null
  if (row.scope !== scope) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request')
  }
  return row.responseBody as HandoffResponse
}
