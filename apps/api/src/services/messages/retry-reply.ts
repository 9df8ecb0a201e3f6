import type { SendMessageResponse } from '@resolutionflow/shared/sessions.ts'
import { AppError } from '../../errors.ts'
import { messageInclude, toWireMessage } from '../../lib/wire.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { findSession } from '../sessions/find-session.ts'
import { generateReply, type SendMessageDeps, type SendMessageOptions } from './send-message.ts'

/**
 * Asks the assistant again after its reply failed or was cut off, without storing the
 * user's message a second time (it was stored before the model was called). Allowed only
 * while the latest user message has no complete answer; a cut-off reply stays in the
 * history, marked incomplete, and the new answer follows it.
 */
export async function retryReply(
  deps: SendMessageDeps,
  user: AuthUser,
  sessionId: string,
  options: SendMessageOptions = {},
): Promise<SendMessageResponse> {
  await findSession(deps.prisma, user, sessionId)
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

  const userMessage = toWireMessage(question)
  options.onUserMessage?.(userMessage)
  return { user_message: userMessage, ...(await generateReply(deps, user, sessionId, options)) }
}
