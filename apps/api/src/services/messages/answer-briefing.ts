import { AppError } from '../../errors.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import { transactWithEvents } from '../../lib/outbox.ts'
import { authUserInclude, toAuthUser } from '../auth/auth-user.ts'
import { generateReply, type SendMessageDeps } from './send-message.ts'

export type BriefingOutcome = 'answered' | 'failed' | 'skipped'

/**
 * The `answer-briefing` job: the assistant answers the briefing a senior sent with "Get AI
 * analysis". Its words stream live (`assistant_delta`) to whoever has the session open; the
 * stored reply and its task-lane items follow as `message_created` / `task_lane_updated`.
 *
 * Exactly once: a briefing that already has a complete answer (a run before a crash stored
 * it, or someone pressed Retry) is skipped. On shutdown nothing is stored and the job goes
 * back to the queue. When the model fails, `reply_failed` tells the open pages, whose Retry
 * (`POST /api/sessions/:id/reply`) asks again.
 */
export async function answerBriefing(
  deps: SendMessageDeps & { jobs?: JobQueue },
  input: { sessionId: string; messageId: string; userId: string; signal: AbortSignal },
): Promise<BriefingOutcome> {
  const { sessionId, messageId, signal } = input
  const question = await deps.prisma.message.findUnique({
    where: { id: messageId },
    select: { sessionId: true, createdAt: true, session: { select: { createdById: true } } },
  })
  const senior = await deps.prisma.user.findUnique({ where: { id: input.userId }, include: authUserInclude })
  if (!question || question.sessionId !== sessionId || !senior) return 'skipped'
  const answered = await deps.prisma.message.count({
    where: { sessionId, role: 'assistant', incomplete: false, createdAt: { gte: question.createdAt } },
  })
  if (answered > 0) return 'skipped'

  const user = toAuthUser(senior)
  try {
    await generateReply(deps, {
      user,
      sessionId,
      questionId: messageId,
      signal,
      resumable: true,
      onDelta: (text) =>
        void deps.bus
          .publishLive({ type: 'assistant_delta', organizationId: user.organizationId, startedById: question.session.createdById, payload: { session_id: sessionId, text } })
          .catch((err) => deps.log.warn({ err, sessionId }, 'assistant_delta broadcast failed')),
    })
    return 'answered'
  } catch (err) {
    // Shutting down, or a failure of ours (the database): the queue runs the job again.
    if (signal.aborted || !(err instanceof AppError)) throw err
    await transactWithEvents(deps, async (_tx, record) => {
      record({
        type: 'reply_failed',
        organizationId: user.organizationId,
        payload: { session_id: sessionId, message_id: messageId, message: err.message },
      })
    })
    return 'failed'
  }
}
