import { memo } from 'react'
import type { Message } from '@resolutionflow/shared/sessions.ts'
import { formatDateTime } from '../../../lib/format-relative-time.ts'
import { MarkdownContent } from './markdown.tsx'

type MessageBubbleProps = {
  message: Message
  /** `sending`: optimistic, not yet stored; `failed`: the send failed before the server stored it. */
  state?: 'sent' | 'sending' | 'failed'
}

function authorOf(message: Message) {
  if (message.role === 'assistant') return 'Assistant'
  // A senior may post in a junior's session, so user turns always say who wrote them.
  return message.author?.name ?? 'Unknown user'
}

export const MessageBubble = memo(function MessageBubble({ message, state = 'sent' }: MessageBubbleProps) {
  const classes = ['message', `message--${message.role}`, state !== 'sent' && `message--${state}`]
  return (
    <li className={classes.filter(Boolean).join(' ')} data-role={message.role}>
      <div className="message__meta">
        <span className="message__author">{authorOf(message)}</span>
        <time className="message__time" dateTime={message.created_at} title={formatDateTime(message.created_at)}>
          {new Date(message.created_at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}
        </time>
        {state === 'sending' && <span className="message__state">Sending…</span>}
        {state === 'failed' && <span className="message__state message__state--failed">Not sent</span>}
      </div>
      <div className="message__body">
        <MarkdownContent>{message.content}</MarkdownContent>
        {message.incomplete && (
          <p className="message__incomplete">
            <span aria-hidden="true">⋯ </span>Incomplete: this reply was cut off
          </p>
        )}
      </div>
    </li>
  )
})
