import { useEffect, useRef, useState } from 'react'
import type { Message } from '@resolutionflow/shared/sessions.ts'
import { onAssistantDelta, onLiveEvent } from '../../../lib/sse.ts'

/**
 * A reply the server is writing into this session on its own (the answer to a senior's
 * AI-analysis briefing), as it streams in over the live events. Returns the text so far,
 * or null; once the stored reply is among `messages`, it is dropped, so it never shows twice.
 */
export function useRemoteReply(sessionId: string, messages: Message[]): string | null {
  const [reply, setReply] = useState<{ text: string; messageCount: number } | null>(null)
  const messageCount = useRef(messages.length)
  messageCount.current = messages.length

  useEffect(
    () =>
      onAssistantDelta((payload) => {
        if (payload.session_id !== sessionId) return
        setReply((current) => ({ text: (current?.text ?? '') + payload.text, messageCount: current?.messageCount ?? messageCount.current }))
      }),
    [sessionId],
  )
  // The server gave up on it: what streamed is gone (or stored as incomplete), Retry follows.
  useEffect(() => onLiveEvent('reply_failed', (payload) => payload.session_id === sessionId && setReply(null)), [sessionId])

  const stored = reply !== null && messages.length > reply.messageCount && messages.at(-1)?.role === 'assistant'
  useEffect(() => {
    if (stored) setReply(null)
  }, [stored])

  return reply && !stored ? reply.text : null
}
