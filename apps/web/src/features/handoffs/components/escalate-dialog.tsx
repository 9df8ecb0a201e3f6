import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { useCreateHandoff } from '../api/create-handoff.ts'
import { EscalateForm } from './escalate-form.tsx'
import '../handoffs.css'

type EscalateDialogProps = {
  sessionId: string
  open: boolean
  onClose: () => void
  onEscalated?: (handoff: HandoffResponse) => void
}

/**
 * "Escalate" from the chat toolbar. The app's modal `<Dialog>` (native `<dialog>` +
 * showModal) traps focus, closes on Esc and gives focus back to the opener.
 */
export function EscalateDialog({ sessionId, open, onClose, onEscalated }: EscalateDialogProps) {
  const createHandoff = useCreateHandoff()
  const close = () => {
    // Closing mid-request would lose its outcome: the request finishes first.
    if (createHandoff.isPending) return
    createHandoff.reset()
    onClose()
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Escalate to a senior"
      description="Seniors are notified at once, with an AI summary of this session."
      className="rf-escalate-dialog"
    >
      <EscalateForm
        sessionId={sessionId}
        createHandoff={createHandoff}
        onCancel={close}
        onEscalated={(handoff) => {
          createHandoff.reset()
          onClose()
          onEscalated?.(handoff)
        }}
      />
    </Dialog>
  )
}
