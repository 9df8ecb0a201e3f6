import { useCallback } from 'react'
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import {
  ChatStreamEventSchemas,
  type ChatStreamEvent,
  type Message,
  type SendMessageResponse,
  type SessionDetailResponse,
} from '@resolutionflow/shared/sessions.ts'
import type { User } from '@resolutionflow/shared/users.ts'
import { ApiError, isApiError, request } from '../../../lib/api-client.ts'
import { queryKeys } from '../../../lib/query-keys.ts'
import { readSseStream } from '../../../lib/read-sse-stream.ts'
import {
  abortReply,
  finishReplyController,
  getReplyStream,
  startReplyController,
  updateReplyStream,
  useReplyStream,
  type ReplyStream,
} from '../stores/reply-streams.ts'

function isChatStreamEventName(name: string): name is ChatStreamEvent['event'] {
  return Object.hasOwn(ChatStreamEventSchemas, name)
}

/**
 * A streamed reply: `POST /api/sessions/:id/messages` with the user's message, or
 * `POST /api/sessions/:id/reply` (no `content`) to have the stored latest message answered
 * again. Yields each event, validated against the shared contract, as it arrives.
 */
export async function* streamMessage(sessionId: string, content: string | null, signal: AbortSignal) {
  const session = `/api/sessions/${encodeURIComponent(sessionId)}`
  const response = await request(content === null ? `${session}/reply` : `${session}/messages`, {
    method: 'POST',
    ...(content === null ? {} : { json: { content } }),
    headers: { Accept: 'text/event-stream' },
    signal,
  })
  if (!response.body) throw new ApiError(0, 'STREAM_UNAVAILABLE', 'The reply could not be read.', undefined)
  for await (const message of readSseStream(response.body)) {
    if (!isChatStreamEventName(message.event)) continue
    const parsed = ChatStreamEventSchemas[message.event].safeParse(JSON.parse(message.data))
    if (!parsed.success) {
      throw new ApiError(0, 'STREAM_INVALID', 'The reply was garbled.', message.data, { cause: parsed.error })
    }
    yield { event: message.event, data: parsed.data } as ChatStreamEvent
  }
}

export type SendResult =
  | { status: 'done'; response: SendMessageResponse }
  | { status: 'stopped' }
  /** Retry found the message answered meanwhile (the first reply finished after all, or another tab retried). */
  | { status: 'answered' }
  | { status: 'failed'; error: ApiError }

const detailKey = queryKeys.sessions.detail

/** Ids of messages shown before the server has them; any server write replaces them. */
const LOCAL_ID_PREFIX = 'local-'
let localIdCounter = 0

/** Adds messages to the cached session, replacing any with the same id and any local placeholders. */
function putMessages(queryClient: QueryClient, sessionId: string, added: Message[], extra?: Partial<SessionDetailResponse>) {
  const ids = new Set(added.map((message) => message.id))
  queryClient.setQueryData<SessionDetailResponse>(
    detailKey(sessionId),
    (detail) =>
      detail && {
        ...detail,
        ...extra,
        messages: [
          ...detail.messages.filter((message) => !ids.has(message.id) && !message.id.startsWith(LOCAL_ID_PREFIX)),
          ...added,
        ],
      },
  )
}

function localMessage(sessionId: string, role: Message['role'], content: string, user: User | null | undefined): Message {
  localIdCounter += 1
  return {
    id: `${LOCAL_ID_PREFIX}${Date.now()}-${localIdCounter}`,
    session_id: sessionId,
    role,
    author: role === 'user' && user ? { id: user.id, name: user.name } : null,
    content,
    incomplete: role === 'assistant',
    answering: role === 'user',
    created_at: new Date().toISOString(),
  }
}

/**
 * Keeps a cut-off reply on screen (marked incomplete) until the refetch brings
 * the server's copy, which it stores when a stream stops or fails.
 */
function keepPartialReply(queryClient: QueryClient, sessionId: string, stream: ReplyStream) {
  if (stream.text) {
    // Text arrived, so the server stored the user's message even if its echo was missed.
    const added = [stream.userMessage, localMessage(sessionId, 'assistant', stream.text, null)]
    const keep = added.filter((message): message is Message => message !== null)
    const ids = new Set(keep.map((message) => message.id))
    queryClient.setQueryData<SessionDetailResponse>(
      detailKey(sessionId),
      (detail) => detail && { ...detail, messages: [...detail.messages.filter((m) => !ids.has(m.id)), ...keep] },
    )
  }
  void queryClient.invalidateQueries({ queryKey: detailKey(sessionId) })
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.list() })
}

/**
 * Sends `content` and streams the reply. With `retry`, a message the server already stored
 * (its reply failed or was cut off) is not sent again: the server answers it once more.
 * `stored` names that message when it is not this tab's own (a briefing the server failed
 * to answer).
 */
async function runSend(queryClient: QueryClient, sessionId: string, content: string, retry = false, stored?: Message): Promise<SendResult> {
  const previous = getReplyStream(sessionId)
  if (previous.status === 'streaming') {
    return { status: 'failed', error: new ApiError(0, 'REPLY_IN_PROGRESS', 'Wait for the current reply to finish.', undefined) }
  }
  // The stored message to answer again, if any: a failed reply of this tab's, or `stored`.
  const again = stored ?? (retry && previous.confirmed ? previous.userMessage : null)
  const answerAgain = again !== null
  const me = queryClient.getQueryData<User | null>(queryKeys.me)
  const controller = startReplyController(sessionId)
  updateReplyStream(sessionId, {
    status: 'streaming',
    content,
    userMessage: again ?? localMessage(sessionId, 'user', content, me),
    confirmed: answerAgain,
    text: '',
    error: null,
  })

  try {
    for await (const event of streamMessage(sessionId, answerAgain ? null : content, controller.signal)) {
      if (event.event === 'user_message') {
        putMessages(queryClient, sessionId, [event.data.message])
        updateReplyStream(sessionId, { userMessage: event.data.message, confirmed: true })
      } else if (event.event === 'delta') {
        const { text } = event.data
        updateReplyStream(sessionId, (stream) => ({ ...stream, text: stream.text + text }))
      } else if (event.event === 'done') {
        const response = event.data
        // A refetch started before the reply was stored must not overwrite it.
        await queryClient.cancelQueries({ queryKey: detailKey(sessionId) })
        putMessages(queryClient, sessionId, [response.user_message, response.assistant_message], {
          task_lane: response.task_lane,
        })
        updateReplyStream(sessionId, { status: 'idle' })
        // The session's activity time (and maybe its title) changed.
        void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.all })
        return { status: 'done', response }
      } else {
        throw new ApiError(502, event.data.code, event.data.message, event.data)
      }
    }
    throw new ApiError(0, 'STREAM_ENDED', 'The connection closed before the reply finished.', undefined)
  } catch (error) {
    const stream = getReplyStream(sessionId)
    if (controller.signal.aborted) {
      keepPartialReply(queryClient, sessionId, stream)
      updateReplyStream(sessionId, { status: 'idle' })
      return { status: 'stopped' }
    }
    const apiError = isApiError(error)
      ? error
      : new ApiError(0, 'STREAM_FAILED', 'The reply failed. Try again.', undefined, { cause: error })
    keepPartialReply(queryClient, sessionId, stream)
    if (apiError.code === 'ALREADY_ANSWERED') {
      // Nothing failed: the refetch above brings the answer.
      updateReplyStream(sessionId, { status: 'idle' })
      return { status: 'answered' }
    }
    updateReplyStream(sessionId, {
      status: 'error',
      text: '',
      error: { code: apiError.code, message: apiError.message },
    })
    return { status: 'failed', error: apiError }
  } finally {
    finishReplyController(sessionId, controller)
  }
}

/**
 * Sends a message in a session and streams the assistant's reply into the
 * chat. Every caller for the same session shares one stream, so the handoff
 * screen can send a briefing that the chat view shows growing token by token.
 * `send` never rejects: it resolves with how the reply ended.
 */
export function useSendMessage(sessionId: string) {
  const queryClient = useQueryClient()
  const stream = useReplyStream(sessionId)

  const send = useCallback((content: string) => runSend(queryClient, sessionId, content), [queryClient, sessionId])
  const stop = useCallback(() => abortReply(sessionId), [sessionId])
  const retry = useCallback(
    () => runSend(queryClient, sessionId, getReplyStream(sessionId).content, true),
    [queryClient, sessionId],
  )
  /** Has the server answer a stored message that nobody is answering (see `unansweredQuestion`). */
  const answer = useCallback(
    (question: Message) => runSend(queryClient, sessionId, question.content, true, question),
    [queryClient, sessionId],
  )
  const dismissError = useCallback(() => updateReplyStream(sessionId, { status: 'idle' }), [sessionId])

  return { stream, isStreaming: stream.status === 'streaming', send, stop, retry, answer, dismissError }
}
