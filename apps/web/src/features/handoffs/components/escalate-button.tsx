import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { EscalateDialog } from './escalate-dialog.tsx'

type EscalateButtonProps = {
  sessionId: string
  /** The session's latest handoff (session detail's `handoff`). */
  handoff: HandoffResponse | null
}

/** Chat toolbar: opens the escalate dialog, unless the session is already waiting for a senior. */
export function EscalateButton({ sessionId, handoff }: EscalateButtonProps) {
  const [open, setOpen] = useState(false)
  const waiting = handoff?.status === 'pending'

  return (
    <>
      {waiting ? (
        // aria-disabled, not disabled: right after escalating, focus returns here and must not fall to <body>.
        <Button variant="secondary" size="sm" aria-disabled="true" title="Already escalated: waiting for a senior">
          Escalated
        </Button>
      ) : (
        <Button variant="secondary" size="sm" aria-haspopup="dialog" onClick={() => setOpen(true)}>
          Escalate
        </Button>
      )}
      <EscalateDialog sessionId={sessionId} open={open && !waiting} onClose={() => setOpen(false)} />
    </>
  )
}
