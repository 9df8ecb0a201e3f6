import { partiesOf } from '@resolutionflow/shared/session-rights.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { addressOf, canRegenerateAssessment } from '@resolutionflow/shared/session-rights.ts'
import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import type { ReactNode } from 'react'
import { usePickupFlow, type UsePickupFlowOptions } from '../hooks/use-pickup-flow.ts'
import { HandoffContextScreen } from './handoff-context-screen.tsx'

type HandoffPickupProps = Omit<UsePickupFlowOptions, 'handoff'> & {
  /** The session's latest handoff, from the session detail; nothing renders without one. */
  handoff: HandoffResponse | null
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>
  /** Who started the session: with the handoff's claimer, the people working it (Regenerate). */
  sessionStartedById: string
  /** Shown on the pickup screen (not the read-only overlay), e.g. who else is looking. */
  renderPresence?: (handoff: HandoffResponse) => ReactNode
}

/**
 * Drop-in for the chat page: shows the handoff context screen when the URL asks for
 * it (`?pickup=true` from a notification, `?handoff=open` from the toolbar).
 */
export function HandoffPickup({ handoff, ...rest }: HandoffPickupProps) {
  if (!handoff) return null
  // Keyed by handoff so a new escalation of the same session starts from a clean flow.
  return <HandoffPickupFlow key={handoff.id} handoff={handoff} {...rest} />
}

function HandoffPickupFlow({ taskLane, sessionStartedById, renderPresence, ...options }: HandoffPickupProps & { handoff: HandoffResponse }) {
  const flow = usePickupFlow(options)
  if (!flow.mode) return null
  // The session's latest handoff: its claimer is the senior working the session.
  const parties = partiesOf({ created_by: { id: sessionStartedById, name: '' } }, flow.handoff)
  return (
    <HandoffContextScreen
      handoff={flow.handoff}
      taskLane={taskLane}
      canRegenerate={canRegenerateAssessment(options.viewer, parties, addressOf(flow.handoff))}
      mode={flow.mode}
      activeOption={flow.activeOption}
      onChoose={flow.mode === 'pickup' ? flow.choose : undefined}
      onClose={flow.close}
      onStepClick={flow.onStepClick}
      viewer={options.viewer}
      presence={flow.mode === 'pickup' ? renderPresence?.(flow.handoff) : null}
    />
  )
}
