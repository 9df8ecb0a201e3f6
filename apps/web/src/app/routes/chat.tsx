import { useParams } from 'react-router'
import { ChatView } from '../../features/chat/components/chat-view.tsx'
import { useTaskLaneHighlight } from '../../features/chat/hooks/use-task-lane-highlight.ts'

/**
 * `/chat/:sessionId` (the `?pickup=true` search param is left in place for the
 * handoff screen). This is where features meet: the handoffs feature's toolbar
 * buttons go in `toolbarActions`, its context screen gets `highlight` for the
 * suggested-step chips and `useSendMessage(sessionId).send` for "Get AI analysis".
 */
export function ChatRoute() {
  const { sessionId = '' } = useParams()
  const { highlightedIndex, clear } = useTaskLaneHighlight()

  return (
    <ChatView
      // A fresh view per session: drafts, scroll position and rename state do not leak between sessions.
      key={sessionId}
      sessionId={sessionId}
      toolbarActions={null}
      highlightedIndex={highlightedIndex}
      onHighlightEnd={clear}
    />
  )
}
