import type { Message, SendMessageResponse } from '@resolutionflow/shared/sessions.ts'
import { AppError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import { transactWithEvents, type Tx } from '../../lib/outbox.ts'
import { messageInclude, toWireMessage, toWireTask } from '../../lib/wire.ts'
import { LlmError, type Assistant } from '../../llm/assistant.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { DEFAULT_SESSION_TITLE } from '../sessions/create-session.ts'
import { findSessionFor } from '../sessions/session-access.ts'
import { addProposedSteps } from '../tasks/add-proposed-steps.ts'
import { keepAnswerMarkFresh } from '../../lib/answer-mark.ts'
import { buildConversation } from './build-conversation.ts'

export interface SendMessageDeps {
  prisma: PrismaClient
  bus: Bus
  assistant: Assistant
  log: { error(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void }
}

export interface SendMessageOptions {
  /** Aborts the model call (the client went away); what was said is kept, marked incomplete. */
  signal?: AbortSignal
  onUserMessage?: (message: Message) => void
  onDelta?: (text: string) => void
}

export interface ReplyOptions extends Pick<SendMessageOptions, 'signal' | 'onDelta'> {
  /** The user message being answered: its `answeringSince` mark is cleared when the reply ends. */
  questionId?: string
  /**
   * A background job's reply: when `signal` aborts (the server shuts down) nothing is stored
   * and the mark stays, because the job runs the reply again after the restart.
   */
  resumable?: boolean
}

/**
 * Stores the user's message, asks the assistant (streamed through `onDelta`), then stores
 * its reply and appends its proposed steps to the task lane. The model call runs outside
 * any transaction: each write is its own short transaction with its outbox events.
 */
export async function sendMessage(
  deps: SendMessageDeps,
  { user, sessionId, content, ...options }: SendMessageOptions & { user: AuthUser; sessionId: string; content: string },
): Promise<SendMessageResponse> {
  const session = await findSessionFor(deps.prisma, user, sessionId, 'write')
  const userMessage = await transactWithEvents(deps, async (tx, record) => {
    const row = await tx.message.create({
      data: { sessionId, authorId: user.id, role: 'user', content, answeringSince: new Date() },
      include: messageInclude,
    })
    await tx.chatSession.update({
      where: { id: sessionId },
      // A new session is named after its first message, as people name tickets.
      data: { lastActivityAt: row.createdAt, ...(session.title === DEFAULT_SESSION_TITLE ? { title: titleFrom(content) } : {}) },
    })
    record({ type: 'message_created', organizationId: user.organizationId, payload: { session_id: sessionId, message_id: row.id, author_id: user.id } })
    return toWireMessage(row)
  })
  options.onUserMessage?.(userMessage)
  const reply = await generateReply(deps, { ...options, user, sessionId, questionId: userMessage.id })
  // Answered now: the mark the message was stored with is gone.
  return { user_message: { ...userMessage, answering: false }, ...reply }
}

/**
 * The assistant answers the session as it stands (streamed through `onDelta`); its reply
 * is stored and its proposed steps appended to the task lane. On failure what it had said
 * is kept, marked incomplete; a stop by the client (`signal`) is not an error.
 */
export async function generateReply(
  deps: SendMessageDeps,
  { user, sessionId, ...options }: ReplyOptions & { user: AuthUser; sessionId: string },
): Promise<Omit<SendMessageResponse, 'user_message'>> {
  let said = ''
  const handedBack = () => Boolean(options.resumable && options.signal?.aborted)
  const stopRenewing = options.questionId ? keepAnswerMarkFresh(deps.prisma, options.questionId, deps.log) : () => {}
  try {
    const conversation = await buildConversation(deps.prisma, sessionId)
    const reply = await deps.assistant.reply(conversation, {
      signal: options.signal,
      onDelta: (text) => {
        said += text
        options.onDelta?.(text)
      },
    })
    return await storeReply(deps, user, sessionId, { text: reply.text, steps: reply.steps, incomplete: false })
  } catch (err) {
    if (!(err instanceof LlmError) || handedBack()) throw err
    const stored = said.trim() ? await storeReply(deps, user, sessionId, { text: said, steps: [], incomplete: true }) : null
    if (err.code === 'ABORTED' && stored) return stored
    deps.log.warn({ err, sessionId }, 'assistant reply failed')
    throw new AppError(502, 'LLM_UNAVAILABLE', describe(err), undefined, { cause: err })
  } finally {
    stopRenewing()
    // However the reply ended (stored, cut off, failed, or a crash of ours), Retry may now claim the question.
    if (options.questionId && !handedBack()) {
      await deps.prisma.message.updateMany({ where: { id: options.questionId }, data: { answeringSince: null } })
    }
  }
}

async function storeReply(
  deps: SendMessageDeps,
  user: AuthUser,
  sessionId: string,
  reply: { text: string; steps: { title: string; detail: string }[]; incomplete: boolean },
): Promise<Omit<SendMessageResponse, 'user_message'>> {
  return transactWithEvents(deps, async (tx: Tx, record) => {
    const row = await tx.message.create({
      data: { sessionId, role: 'assistant', content: reply.text, incomplete: reply.incomplete },
      include: messageInclude,
    })
    await tx.chatSession.update({ where: { id: sessionId }, data: { lastActivityAt: row.createdAt } })
    const added = await addProposedSteps(tx, sessionId, reply.steps)
    record({ type: 'message_created', organizationId: user.organizationId, payload: { session_id: sessionId, message_id: row.id, author_id: null } })
    if (added > 0) record({ type: 'task_lane_updated', organizationId: user.organizationId, payload: { session_id: sessionId } })
    const tasks = await tx.taskItem.findMany({ where: { sessionId }, orderBy: { position: 'asc' } })
    return { assistant_message: toWireMessage(row), task_lane: tasks.map(toWireTask) }
  })
}

function titleFrom(content: string): string {
  const line = content.split('\n')[0]!.trim()
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line
}

function describe(err: LlmError): string {
  switch (err.code) {
    case 'TIMEOUT':
      return 'The assistant took too long to answer. Try again.'
    case 'ABORTED':
      return 'The reply was stopped.'
    case 'INVALID_OUTPUT':
      return 'The assistant gave an answer we could not read. Try again.'
    default:
      return 'The assistant is unavailable right now. Try again in a moment.'
  }
}
