import type { ReactNode } from 'react'
import type { Message } from '@resolutionflow/shared/sessions.ts'
import { ArrowDownIcon } from '../../../components/ui/icons.tsx'
import { useStickToBottom } from '../hooks/use-stick-to-bottom.ts'
import { MessageBubble } from './message-bubble.tsx'
import { StreamingMessage } from './streaming-message.tsx'

type MessageListProps = {
  messages: Message[]
  /** The user's message not (yet) stored by the server: sending, or failed. */
  pendingMessage?: { message: Message; state: 'sending' | 'failed' } | null
  /** The assistant's reply so far while it streams; null when nothing streams. */
  streamingText?: string | null
  /** Rendered after the last message, e.g. the failed-reply alert. */
  footer?: ReactNode
}

export function MessageList({ messages, pendingMessage, streamingText = null, footer }: MessageListProps) {
  const contentKey = `${messages.length}:${messages.at(-1)?.id}:${streamingText?.length ?? -1}:${Boolean(footer)}`
  const { ref, onScroll, hasUnseen, scrollToBottom } = useStickToBottom<HTMLDivElement>(
    contentKey,
    pendingMessage?.message.id,
  )
  const isEmpty = messages.length === 0 && !pendingMessage && streamingText === null

  return (
    <div className="message-scroller-wrap">
      <div
        ref={ref}
        className="message-scroller"
        onScroll={onScroll}
        // Scrollable regions must be reachable by keyboard to scroll them.
        tabIndex={0}
        role="region"
        aria-label="Conversation"
      >
        {isEmpty ? (
          <div className="conversation-empty">
            <h2 className="conversation-empty__title">What's the customer's problem?</h2>
            <p className="conversation-empty__text">
              Describe the symptoms, what you have tried and any error messages. The assistant will answer and propose
              steps in the task lane.
            </p>
          </div>
        ) : (
          <ol className="message-list" data-testid="message-list">
            {messages.map((message) => (
              <MessageBubble key={message.id} message={message} />
            ))}
            {pendingMessage && <MessageBubble message={pendingMessage.message} state={pendingMessage.state} />}
            {streamingText !== null && <StreamingMessage text={streamingText} />}
          </ol>
        )}
        {footer}
      </div>
      {hasUnseen && (
        <button type="button" className="jump-to-latest" onClick={scrollToBottom}>
          <ArrowDownIcon size={14} /> Jump to latest
        </button>
      )}
    </div>
  )
}
