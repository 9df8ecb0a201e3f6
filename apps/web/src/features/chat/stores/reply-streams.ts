import { useSyncExternalStore } from 'react'
import type { Message } from '@resolutionflow/shared/sessions.ts'

/**
 * The state of the reply being streamed into one session. It lives outside
 * React, keyed by session, so every `useSendMessage(sessionId)` (the chat view,
 * the handoff screen's "Get AI analysis") sees the same stream, and a reply
 * keeps streaming if the user looks at another session meanwhile.
 */
export type ReplyStream = {
  status: 'idle' | 'streaming' | 'error'
  /** What the user sent: resent by Retry. */
  content: string
  /** Shown at once: the optimistic message, then the server's copy. */
  userMessage: Message | null
  /** The server stored `userMessage` (it is in the session's cached messages). */
  confirmed: boolean
  /** The assistant's reply so far. */
  text: string
  error: { code: string; message: string } | null
}

export const IDLE_STREAM: ReplyStream = {
  status: 'idle',
  content: '',
  userMessage: null,
  confirmed: false,
  text: '',
  error: null,
}

const streams = new Map<string, ReplyStream>()
const controllers = new Map<string, AbortController>()
const listeners = new Set<() => void>()

export const getReplyStream = (sessionId: string) => streams.get(sessionId) ?? IDLE_STREAM

export function updateReplyStream(sessionId: string, update: Partial<ReplyStream> | ((s: ReplyStream) => ReplyStream)) {
  const current = getReplyStream(sessionId)
  const next = typeof update === 'function' ? update(current) : { ...current, ...update }
  if (next.status === 'idle') streams.delete(sessionId)
  else streams.set(sessionId, next)
  for (const listener of listeners) listener()
}

/** Registers the abort handle of a new stream; returns it. */
export function startReplyController(sessionId: string) {
  const controller = new AbortController()
  controllers.set(sessionId, controller)
  return controller
}

export function finishReplyController(sessionId: string, controller: AbortController) {
  if (controllers.get(sessionId) === controller) controllers.delete(sessionId)
}

export function abortReply(sessionId: string) {
  controllers.get(sessionId)?.abort()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useReplyStream(sessionId: string): ReplyStream {
  return useSyncExternalStore(
    subscribe,
    () => getReplyStream(sessionId),
    () => IDLE_STREAM,
  )
}

/** For tests: forget every stream. */
export function resetReplyStreams() {
  for (const controller of controllers.values()) controller.abort()
  controllers.clear()
  streams.clear()
  for (const listener of listeners) listener()
}
