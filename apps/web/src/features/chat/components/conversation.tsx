import { useRef } from 'react'
import type { Message } from '@resolutionflow/shared/sessions.ts'
import { useSendMessage } from '../api/send-message.ts'
import { useRemoteReply } from '../hooks/use-remote-reply.ts'
import type { ReplyStream } from '../stores/reply-streams.ts'
import { unansweredQuestion } from '../utils/unanswered-question.ts'
import { Composer, type ComposerHandle } from './composer.tsx'
import { MessageList } from './message-list.tsx'
import { ReplyError } from './reply-error.tsx'

export const UNSENT_HINT = 'Retry the message that was not sent, or edit it, before sending another.'

type ConversationProps = { sessionId: string; messages: Message[]; readOnly?: boolean }

/** The optimistic user message, while the server has not stored it (or failed to). */
function pendingOf(stream: ReplyStream, messages: Message[]) {
  if (!stream.userMessage || stream.status === 'idle') return null
  if (messages.some((message) => message.id === stream.userMessage?.id)) return null
  return { message: stream.userMessage, state: stream.status === 'error' ? ('failed' as const) : ('sending' as const) }
}

/** The streamed text, unless a refetch already brought the stored reply (then showing both would duplicate it). */
function streamingTextOf(stream: ReplyStream, messages: Message[]) {
  if (stream.status !== 'streaming') return null
  const userIndex = stream.confirmed ? messages.findIndex((message) => message.id === stream.userMessage?.id) : -1
  if (userIndex !== -1 && messages.slice(userIndex + 1).some((message) => message.role === 'assistant')) return null
  return stream.text
}

export function Conversation({ sessionId, messages, readOnly = false }: ConversationProps) {
  const { stream, isStreaming, send, stop, retry, answer, dismissError } = useSendMessage(sessionId)
  const remoteReply = useRemoteReply(sessionId, messages)
  const unanswered = stream.status === 'idle' && remoteReply === null ? unansweredQuestion(messages) : null
  // A message the server never stored lives only in the reply stream, which the next send
  // replaces: it is retried, or its text goes back in the box, before anything else is sent.
  const unsent = stream.status === 'error' && !stream.confirmed ? stream.content : null
  const composerRef = useRef<ComposerHandle>(null)
  const editUnsent = () => {
    if (unsent !== null) composerRef.current?.restore(unsent)
    dismissError()
  }

  return (
    <div className="chat-main">
      <MessageList
        messages={messages}
        pendingMessage={pendingOf(stream, messages)}
        streamingText={streamingTextOf(stream, messages) ?? remoteReply}
        footer={
          stream.status === 'error' && stream.error ? (
            <ReplyError
              message={stream.error.message}
              onRetry={() => void retry()}
              onDismiss={unsent === null ? dismissError : editUnsent}
              dismissLabel={unsent === null ? 'Dismiss' : 'Edit message'}
            />
          ) : unanswered ? (
            <ReplyError message="The assistant did not answer this message." onRetry={() => void answer(unanswered)} />
          ) : null
        }
      />
      <Composer
        ref={composerRef}
        blockedReason={unsent === null ? null : UNSENT_HINT}
        onSend={(content) => void send(content)}
        onStop={stop}
        isStreaming={isStreaming}
        autoFocus={messages.length === 0 && !readOnly}
        readOnly={readOnly}
      />
    </div>
  )
}
