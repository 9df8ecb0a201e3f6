import { useParams } from 'react-router'
import { useMe } from '../../features/auth/api/get-me.ts'
import { useSession } from '../../features/chat/api/get-session.ts'
import { ChatView } from '../../features/chat/components/chat-view.tsx'
import { useTaskLaneHighlight } from '../../features/chat/hooks/use-task-lane-highlight.ts'
import { EscalateButton } from '../../features/handoffs/components/escalate-button.tsx'
import { HandoffPickup } from '../../features/handoffs/components/handoff-pickup.tsx'
import { HandoffStatusBanner } from '../../features/handoffs/components/handoff-status-banner.tsx'
import { ReopenHandoffButton } from '../../features/handoffs/components/reopen-handoff-button.tsx'
import { CancelEscalationButton } from '../../features/handoffs/components/cancel-escalation-button.tsx'
import { HandBackButton } from '../../features/handoffs/components/hand-back-button.tsx'
import { ResolutionActions } from '../../features/resolution/components/resolution-actions.tsx'
import { ResolutionBanner } from '../../features/resolution/components/resolution-banner.tsx'
import { canWriteSession, partiesOf } from '@resolutionflow/shared/session-rights.ts'
import { canEscalate } from '@resolutionflow/shared/escalation-rules.ts'
import { PickupPresence } from '../../features/presence/components/pickup-presence.tsx'

/**
 * `/chat/:sessionId`, where features meet: the chat view, with the handoffs feature's
 * toolbar buttons, status banner and context screen (`?pickup=true` from a notification,
 * `?handoff=open` from the toolbar), whose step chips highlight task-lane cards.
 */
export function ChatRoute() {
  const { sessionId = '' } = useParams()
  const { highlightedIndex, highlight, clear } = useTaskLaneHighlight()
  const me = useMe().data
  // The same query ChatView reads: one request, shared through the cache.
  const detail = useSession(sessionId).data
  const handoff = detail?.handoff ?? null
  // Only the people working the session change it (the server answers 403 to anyone else).
  // Unknown until both are loaded: assume yes rather than flash a read-only chat.
  const readOnly = Boolean(me && detail && !canWriteSession(me, partiesOf(detail.session, handoff)))

  return (
    <>
      <ChatView
        // A fresh view per session: drafts, scroll position and rename state do not leak between sessions.
        key={sessionId}
        sessionId={sessionId}
        readOnly={readOnly}
        toolbarActions={
          detail && me ? (
            <>
              <ReopenHandoffButton handoff={handoff} viewer={me} />
              {canEscalate(me, detail.session, handoff) && <EscalateButton sessionId={sessionId} handoff={handoff} />}
              <CancelEscalationButton handoff={handoff} viewer={me} />
              <HandBackButton handoff={handoff} session={detail.session} viewer={me} />
              <ResolutionActions session={detail.session} handoff={handoff} viewer={me} />
            </>
          ) : null
        }
        banner={
          <>
            {detail && <ResolutionBanner session={detail.session} />}
            <HandoffStatusBanner handoff={handoff} />
          </>
        }
        highlightedIndex={highlightedIndex}
        onHighlightEnd={clear}
      />
      {detail && me && (
        <HandoffPickup
          handoff={handoff}
          taskLane={detail.task_lane}
          viewer={me}
          sessionStartedById={detail.session.created_by.id}
          highlightTask={highlight}
          renderPresence={(open) => <PickupPresence handoffId={open.id} viewerId={me.id} />}
        />
      )}
    </>
  )
}
