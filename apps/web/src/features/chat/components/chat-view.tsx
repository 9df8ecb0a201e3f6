import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { paths } from '../../../config/paths.ts'
import { isApiError } from '../../../lib/api-client.ts'
import { useTopInset } from '../../../lib/use-top-inset.ts'
import { Button } from '../../../components/ui/button.tsx'
import { useSession } from '../api/get-session.ts'
import { ChatPanelTabs, CONVERSATION_PANEL_ID, TASKS_PANEL_ID, type ChatPanel } from './chat-panel-tabs.tsx'
import { ChatSkeleton } from './chat-skeleton.tsx'
import { ChatToolbar } from './chat-toolbar.tsx'
import { Conversation } from './conversation.tsx'
import { TaskLane } from './task-lane.tsx'

export type ChatViewProps = {
  sessionId: string
  /**
   * The viewer may read but not change this session (shared/session-rights.ts): no rename,
   * no composer, read-only task cards, and a line saying why.
   */
  readOnly?: boolean
  /** Buttons for the toolbar's right side (Escalate, re-open the handoff), composed by the route. */
  toolbarActions?: ReactNode
  /** A strip under the toolbar (the escalation's state), composed by the route. */
  banner?: ReactNode
  /** Index of the task-lane card to scroll to and flash; see `useTaskLaneHighlight`. */
  highlightedIndex?: number | null
  onHighlightEnd?: () => void
}

export function ChatView({ sessionId, readOnly = false, toolbarActions, banner, highlightedIndex, onHighlightEnd }: ChatViewProps) {
  const detail = useSession(sessionId)
  const [panel, setPanel] = useState<ChatPanel>('conversation')
  // A card to point at is in the lane: on a phone, bring the lane forward (in this very
  // render, so the card's own effect can scroll to it), and keep it there afterwards.
  const shownPanel: ChatPanel = highlightedIndex != null ? 'tasks' : panel
  useEffect(() => {
    if (highlightedIndex != null) setPanel('tasks')
  }, [highlightedIndex])

  if (detail.isPending) return <ChatSkeleton />
  if (detail.isError) return <ChatLoadError error={detail.error} onRetry={() => void detail.refetch()} />

  const { session, messages, task_lane } = detail.data
  return (
    <div className="chat-page">
      {/* React hoists <title> into <head>: the tab names the session. */}
      <title>{`${session.title} · ResolutionFlow`}</title>
      <ChatToolbar session={session} actions={toolbarActions} readOnly={readOnly} />
      <ChatBannerStrip>{banner}</ChatBannerStrip>
      <ChatPanelTabs
        value={shownPanel}
        onChange={setPanel}
        taskSummary={task_lane.length > 0 ? `${task_lane.filter((task) => task.status === 'done').length}/${task_lane.length}` : null}
      />
      <div className="chat-body" data-panel={shownPanel}>
        <div id={CONVERSATION_PANEL_ID} className="chat-body__panel chat-body__panel--conversation">
          <Conversation sessionId={sessionId} messages={messages} readOnly={readOnly} />
        </div>
        <div id={TASKS_PANEL_ID} className="chat-body__panel chat-body__panel--tasks">
          <TaskLane
            sessionId={sessionId}
            tasks={task_lane}
            readOnly={readOnly}
            highlightedIndex={highlightedIndex}
            onHighlightEnd={onHighlightEnd}
          />
        </div>
      </div>
    </div>
  )
}

/** Always a grid row of its own, empty or not: the chat body stays in the 1fr row. */
function ChatBannerStrip({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  // Its bottom edge, under the toolbar, is where a wide screen's toasts begin: clear of the title and the actions.
  useTopInset(ref)
  return (
    <div ref={ref} className="chat-page__banner">
      {children}
    </div>
  )
}

function ChatLoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const notFound = isApiError(error) && (error.status === 404 || error.status === 403)
  return (
    <div className="full-page-center">
      <div className="empty-state" role="alert">
        <h1 className="empty-state__title">{notFound ? 'Session not found' : "Couldn't load this session"}</h1>
        <p className="empty-state__text">
          {notFound ? 'It may have been removed, or it belongs to someone else.' : error.message}
        </p>
        <div className="empty-state__actions">
          {!notFound && (
            <Button variant="primary" onClick={onRetry}>
              Retry
            </Button>
          )}
          <Link to={paths.home.getHref()} className="btn btn--secondary btn--md">
            Back to sessions
          </Link>
        </div>
      </div>
    </div>
  )
}
