import type { SendMessageResponse } from '@resolutionflow/shared/sessions.ts'
import { AppError } from '../../errors.ts'
import { messageInclude, toWireMessage } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSessionFor } from '../sessions/session-access.ts'
import { ANSWER_MARK_STALE_MS } from '../../lib/answer-mark.ts'
import { generateReply, type SendMessageDeps, type SendMessageOptions } from './send-message.ts'


/**
 * Retry after the assistant's reply failed or was cut off: claims the session's latest user
 * message and returns the function that answers it again, without storing the message a
 * second time. Everything that can refuse (404, 409) happens here, before a stream opens.
 *
 * The claim is one conditional UPDATE on the message's `answeringSince`, so two retries, or
 * a retry while the first answer still runs, cannot both call the model: the loser gets 409.
 */
export async function claimRetry(
  deps: SendMessageDeps,
  { user, sessionId }: { user: AuthUser; sessionId: string },
): Promise<(options?: SendMessageOptions) => Promise<SendMessageResponse>> {
  await findSessionFor(deps.prisma, user, sessionId, 'write')
  const question = await deps.prisma.message.findFirst({
    where: { sessionId, role: 'user' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: messageInclude,
  })
  if (!question) throw new AppError(409, 'NOTHING_TO_ANSWER', 'This session has no message for the assistant to answer')
  const answered = await deps.prisma.message.count({
    where: { sessionId, role: 'assistant', incomplete: false, createdAt: { gte: question.createdAt } },
  })
  if (answered > 0) throw new AppError(409, 'ALREADY_ANSWERED', 'The assistant already answered the latest message')

  const now = new Date()
  const { count } = await deps.prisma.message.updateMany({
    // A mark not renewed within the window belongs to a process that died mid-reply (answer-mark.ts).
    where: { id: question.id, OR: [{ answeringSince: null }, { answeringSince: { lt: new Date(now.getTime() - ANSWER_MARK_STALE_MS) } }] },
    data: { answeringSince: now },
  })
  if (count === 0) throw new AppError(409, 'REPLY_IN_PROGRESS', 'The assistant is still answering this message')

  const userMessage = toWireMessage(question)
  return async (options = {}) => {
    options.onUserMessage?.(userMessage)
    const reply = await generateReply(deps, { ...options, user, sessionId, questionId: question.id })
    return { user_message: { ...userMessage, answering: false }, ...reply }
  }
}
