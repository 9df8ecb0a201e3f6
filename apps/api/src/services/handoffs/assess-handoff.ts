import { setTimeout as sleep } from 'node:timers/promises'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { announce, eventRowsIf, eventsJson, toBusEvents, type EventRow } from '../../lib/outbox.ts'
import { LlmError, type Assistant } from '../../llm/assistant.ts'
import { buildConversation } from '../messages/build-conversation.ts'
import { similarSessionsTo, similarityText } from './find-similar-sessions.ts'

export interface AssessDeps {
  prisma: PrismaClient
  bus: Bus
  assistant: Assistant
  log: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void }
  settings: { maxAttempts: number; backoffMs: number }
}

export type AssessOutcome = 'ready' | 'failed' | 'skipped'

/**
 * The `assess-handoff` job: writes a handoff's assessment with one structured model call,
 * retried with backoff on a timeout, an error or invalid output, then `failed` (the screen
 * offers Regenerate, which enqueues a new job). A handoff whose assessment is no longer
 * pending is skipped, and the result is stored with a conditional write, so a job run twice
 * (after a crash, or its timeout on a slow replica) stores one assessment.
 *
 * On shutdown (`signal`) it throws: the job goes back to the queue and runs again after
 * the restart, or on another replica.
 */
export async function assessHandoff(deps: AssessDeps, input: { handoffId: string; signal: AbortSignal }): Promise<AssessOutcome> {
  const { handoffId, signal } = input
  const handoff = await deps.prisma.handoff.findUnique({
    where: { id: handoffId },
    include: { handedOffBy: { select: { name: true } } },
  })
  if (!handoff || handoff.assessmentStatus !== 'pending') return 'skipped'

  const conversation = await buildConversation(deps.prisma, handoff.sessionId)
  // Found by what the engineers wrote, which the conversation already holds.
  const userMessages = conversation.messages.filter((m) => m.role === 'user').map((m) => m.content)
  const similar = await similarSessionsTo(deps, {
    organizationId: handoff.organizationId,
    sessionId: handoff.sessionId,
    text: similarityText({ title: conversation.title, note: handoff.note, userMessages }),
  })
  let lastError: unknown
  for (let attempt = 1; attempt <= deps.settings.maxAttempts; attempt++) {
    signal.throwIfAborted()
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
      return await finish(deps, handoff, attempt, { status: 'ready', assessment })
    } catch (err) {
      if (!(err instanceof LlmError)) throw err
      // Shutting down: not the model's failure; the job runs again after the restart.
      signal.throwIfAborted()
      lastError = err
      deps.log.warn({ err, handoffId, attempt }, 'assessment attempt failed')
      if (attempt < deps.settings.maxAttempts) await sleep(deps.settings.backoffMs * 2 ** (attempt - 1), undefined, { signal })
    }
  }
  return finish(deps, handoff, deps.settings.maxAttempts, { status: 'failed', error: messageOf(lastError) })
}

async function finish(
  deps: AssessDeps,
  handoff: { id: string; organizationId: string; sessionId: string },
  attempts: number,
  result: { status: 'ready'; assessment: object } | { status: 'failed'; error: string },
): Promise<AssessOutcome> {
  const event = {
    type: 'handoff_assessment_ready' as const,
    organizationId: handoff.organizationId,
    payload: { handoff_id: handoff.id, session_id: handoff.sessionId, assessment_status: result.status },
  }
  // One statement, no transaction: only a pending assessment is written (of two runs of one
  // job, the second stores nothing), and its outbox row only if it was.
  const [row] = await deps.prisma.$queryRaw<Array<{ events: EventRow[] | null }>>`
    WITH "assessed" AS (
      UPDATE "Handoff" SET "assessmentStatus" = ${result.status}::"AssessmentStatus",
        -- A failed run (a regenerate of a ready one) keeps the assessment there was.
        "assessment" = coalesce(${result.status === 'ready' ? JSON.stringify(result.assessment) : null}::jsonb, "assessment"),
        "assessmentError" = ${result.status === 'failed' ? result.error : null},
        "assessedAt" = ${new Date().toISOString()}::timestamp,
        "assessmentAttempts" = "assessmentAttempts" + ${attempts}::int
      WHERE "id" = ${handoff.id} AND "assessmentStatus" = 'pending'
      RETURNING "id"
    ), "events" AS (${eventRowsIf('assessed', [event])})
    SELECT ${eventsJson} AS "events"`
  if (!row?.events) return 'skipped'
  announce(deps, toBusEvents(row.events))
  return result.status
}

function messageOf(err: unknown): string {
  if (err instanceof LlmError) {
    if (err.code === 'TIMEOUT') return 'The assistant timed out while writing the assessment.'
    if (err.code === 'INVALID_OUTPUT') return 'The assistant returned an assessment that did not match the expected format.'
  }
  return 'The assistant was unavailable while writing the assessment.'
}
