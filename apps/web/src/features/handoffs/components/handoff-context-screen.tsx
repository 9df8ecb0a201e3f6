import type { ClaimOption, HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { TaskItem } from '@resolutionflow/shared/sessions.ts'
import { useId, useMemo, useRef, type ReactNode } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { useHandoff } from '../api/get-handoff.ts'
import { useClaimShortcuts } from '../hooks/use-claim-shortcuts.ts'
import { availableClaimOptions } from '../utils/claim-options.ts'
import { AssessmentPanel } from './assessment-panel.tsx'
import { ClaimChoices } from './claim-choices.tsx'
import { EscalationTimeline } from './escalation-timeline.tsx'
import { HandoffMeta } from './handoff-meta.tsx'
import { HandoffNote } from './handoff-note.tsx'
import { ModalDialog } from './modal-dialog.tsx'
import type { Viewer } from '../utils/can-claim-handoff.ts'
import { AssessmentFeedback } from './assessment-feedback.tsx'
import { DeclineForm } from './decline-form.tsx'
import { SimilarSessionsPanel } from './similar-sessions-panel.tsx'
import '../escalation-loop.css'

export type HandoffContextScreenProps = {
  /** The page's copy of the handoff; the screen keeps it current through the handoff query. */
  handoff: HandoffResponse
  /** The session's task lane: decides whether "Continue" is offered and where step chips lead. */
  taskLane: ReadonlyArray<Pick<TaskItem, 'title'>>
  /** Whether the viewer may regenerate a failed assessment (shared/session-rights.ts). */
  canRegenerate?: boolean
  /** `pickup`: the choices. `overlay`: read-only, with a Close button (after the claim). */
  mode: 'pickup' | 'overlay'
  /** The choice being claimed right now, if any. */
  activeOption?: ClaimOption | null
  onChoose?: (option: ClaimOption) => void
  onClose: () => void
  onStepClick?: (taskIndex: number) => void
  /** Who is looking: decides whether they may decline or rate the assessment. */
  viewer?: Viewer
  /** Composed by the route: who else is looking at this screen ("Morgan is looking at this"). */
  presence?: ReactNode
}

/** The magic moment: everything a senior needs to pick up an escalated session. */
export function HandoffContextScreen({
  handoff: initialHandoff,
  taskLane,
  canRegenerate = true,
  mode,
  activeOption = null,
  onChoose,
  onClose,
  onStepClick,
  viewer,
  presence,
}: HandoffContextScreenProps) {
  const { data: handoff = initialHandoff } = useHandoff({ handoffId: initialHandoff.id, initialData: initialHandoff })
  const headingId = useId()
  const metaId = useId()
  const closeRef = useRef<HTMLButtonElement>(null)
  const options = useMemo(() => availableClaimOptions(taskLane.length > 0), [taskLane.length])
  const choosing = mode === 'pickup' && onChoose !== undefined

  useClaimShortcuts({
    options,
    enabled: choosing && activeOption === null,
    onChoose: (option) => onChoose?.(option),
  })

  return (
    <ModalDialog
      labelledBy={headingId}
      describedBy={metaId}
      // While a claim runs the outcome decides where the screen goes; Esc would race it.
      onDismiss={activeOption === null ? onClose : undefined}
      dismissOnBackdrop={mode === 'overlay'}
      initialFocusRef={mode === 'overlay' ? closeRef : undefined}
      size="large"
      // The task lane stays in view beside the screen, so a step link's card can be seen.
      besideTaskLane
    >
      <div className="rf-handoff">
        {/* A div, not <header>: the page's header is the one banner landmark. */}
        <div className="rf-handoff__header">
          <div>
            <p className="rf-eyebrow">{mode === 'pickup' ? 'Escalation waiting for you' : 'Handoff context'}</p>
            <h2 id={headingId} className="rf-handoff__title">
              Handoff: {handoff.session_title}
            </h2>
            <HandoffMeta id={metaId} handoff={handoff} showClaim={mode === 'overlay'} />
            <EscalationTimeline handoff={handoff} />
            {presence}
          </div>
          {mode === 'overlay' ? (
            <Button ref={closeRef} variant="secondary" onClick={onClose}>
              Close
            </Button>
          ) : (
            // Leaving without claiming must not need a keyboard: the session stays pending.
            <Button variant="ghost" onClick={onClose} disabled={activeOption !== null}>
              Not now
            </Button>
          )}
        </div>

        <div className="rf-handoff__body">
          <HandoffNote note={handoff.note} authorName={handoff.handed_off_by_name} />
          <AssessmentPanel handoff={handoff} taskLane={taskLane} canRegenerate={canRegenerate} onStepClick={onStepClick} />
          {viewer ? <AssessmentFeedback handoff={handoff} viewer={viewer} /> : null}
          <SimilarSessionsPanel handoffId={handoff.id} />
        </div>

        {choosing ? (
          <ClaimChoices
            options={options}
            escalatedByName={handoff.handed_off_by_name}
            activeOption={activeOption}
            onChoose={onChoose}
          />
        ) : null}
        {choosing && viewer && activeOption === null ? <DeclineForm handoff={handoff} viewer={viewer} onDeclined={onClose} /> : null}
      </div>
    </ModalDialog>
  )
}
