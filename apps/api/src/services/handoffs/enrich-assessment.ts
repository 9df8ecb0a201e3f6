import { setTimeout as sleep } from 'node:timers/promises'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { LlmError, type Assistant } from '../../llm/assistant.ts'
import { buildConversation } from '../messages/build-conversation.ts'
import { findSimilarSessions } from './find-similar-sessions.ts'

export interface EnrichDeps {
  prisma: PrismaClient
  bus: Bus
  assistant: Assistant
  log: { info(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void }
  settings: { maxAttempts: number; backoffMs: number; leaseMs: number }
}

export type EnrichOutcome = 'ready' | 'failed' | 'skipped'

/**
 * Writes a handoff's assessment with one structured model call (retried with backoff on
 * timeout, error or invalid output, then `failed`). Durable and single-flight: the job first
 * takes a lease with one conditional UPDATE, so of several replicas (or a restarted one)
 * only the holder of an unexpired lease calls the model; a handoff whose assessment is
 * already stored is never assessed again. The lease is renewed while the call runs; if the
 * process dies, it runs out and the sweep picks the handoff up again.
 */
export async function enrichAssessment(deps: EnrichDeps, handoffId: string, signal?: AbortSignal): Promise<EnrichOutcome> {
  const now = new Date()
  const { count } = await deps.prisma.handoff.updateMany({
    where: {
      id: handoffId,
      assessmentStatus: 'pending',
      OR: [{ assessmentLeaseUntil: null }, { assessmentLeaseUntil: { lt: now } }],
    },
    data: { assessmentLeaseUntil: new Date(now.getTime() + deps.settings.leaseMs) },
  })
  if (count === 0) return 'skipped'

  const renew = setInterval(() => {
    deps.prisma.handoff
      .updateMany({
        where: { id: handoffId, assessmentStatus: 'pending' },
        data: { assessmentLeaseUntil: new Date(Date.now() + deps.settings.leaseMs) },
      })
      .catch((err) => deps.log.warn({ err, handoffId }, 'assessment lease renewal failed'))
  }, Math.max(250, Math.floor(deps.settings.leaseMs / 3)))

  try {
    const handoff = await deps.prisma.handoff.findUniqueOrThrow({
      where: { id: handoffId },
      include: { handedOffBy: { select: { name: true } } },
    })
    const conversation = await buildConversation(deps.prisma, handoff.sessionId)
    const similar = await findSimilarSessions(deps, { organizationId: handoff.organizationId, sessionId: handoff.sessionId, note: handoff.note })
    let lastError: unknown
    for (let attempt = 1; attempt <= deps.settings.maxAttempts; attempt++) {
      await deps.prisma.handoff.update({ where: { id: handoffId }, data: { assessmentAttempts: { increment: 1 } } })
      try {
        const assessment = await deps.assistant.assess(
          {
            ...conversation,
            escalatedBy: handoff.handedOffBy.name,
            note: handoff.note,
            similar: similar.map((s) => ({ title: s.title, resolution_note: s.resolution_note })),
          },
          { signal },
        )
        return await finish(deps, handoff, { status: 'ready', assessment })
      } catch (err) {
        if (!(err instanceof LlmError)) throw err
        if (signal?.aborted) {
          // Shutting down: hand the job back at once, so a restart or another replica resumes it.
          await deps.prisma.handoff.updateMany({ where: { id: handoffId, assessmentStatus: 'pending' }, data: { assessmentLeaseUntil: null } })
          return 'skipped'
        }
        lastError = err
        deps.log.warn({ err, handoffId, attempt }, 'assessment attempt failed')
        if (attempt < deps.settings.maxAttempts) await sleep(deps.settings.backoffMs * 2 ** (attempt - 1))
      }
    }
    return await finish(deps, handoff, { status: 'failed', error: messageOf(lastError) })
  } finally {
    clearInterval(renew)
  }
}

async function finish(
  deps: EnrichDeps,
  handoff: { id: string; organizationId: string; sessionId: string },
  result: { status: 'ready'; assessment: object } | { status: 'failed'; error: string },
): Promise<EnrichOutcome> {
  return transactWithEvents(deps, async (tx, record) => {
    const { count } = await tx.handoff.updateMany({
      where: { id: handoff.id, assessmentStatus: 'pending' },
      data:
        result.status === 'ready'
          ? { assessmentStatus: 'ready', assessment: result.assessment as Prisma.InputJsonValue, assessmentError: null, assessedAt: new Date(), assessmentLeaseUntil: null }
          : { assessmentStatus: 'failed', assessmentError: result.error, assessedAt: new Date(), assessmentLeaseUntil: null },
    })
    if (count === 0) return 'skipped'
    record({
      type: 'handoff_assessment_ready',
      organizationId: handoff.organizationId,
      payload: { handoff_id: handoff.id, session_id: handoff.sessionId, assessment_status: result.status },
    })
    return result.status
  })
}

function messageOf(err: unknown): string {
  if (err instanceof LlmError) {
    if (err.code === 'TIMEOUT') return 'The assistant timed out while writing the assessment.'
    if (err.code === 'INVALID_OUTPUT') return 'The assistant returned an assessment that did not match the expected format.'
  }
  return 'The assistant was unavailable while writing the assessment.'
}
