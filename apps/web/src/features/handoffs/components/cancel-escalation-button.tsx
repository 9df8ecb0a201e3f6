import { canCancel } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { useCancelHandoff } from '../api/cancel-handoff.ts'
import type { Viewer } from '../utils/can-claim-handoff.ts'
import { NoteDialog } from './note-dialog.tsx'

/** Chat toolbar, for the one who escalated while it waits: call the escalation off. */
export function CancelEscalationButton({ handoff, viewer }: { handoff: HandoffResponse | null; viewer: Viewer }) {
  const [open, setOpen] = useState(false)
  const cancel = useCancelHandoff()
  if (!handoff || !canCancel(viewer, handoff)) return null
  return (
    <>
      <Button variant="ghost" size="sm" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        I solved it myself
      </Button>
      <NoteDialog
        open={open}
        onClose={() => {
          cancel.reset()
          setOpen(false)
        }}
        title="Cancel the escalation?"
        description="The seniors' notifications are withdrawn and it leaves their queue."
        noteLabel="What fixed it"
        placeholder="e.g. Power-cycled the printer"
        confirmLabel="Cancel escalation"
        pending={cancel.isPending}
        error={cancel.error?.message ?? null}
        onConfirm={(note) =>
          cancel.mutate(
            { handoffId: handoff.id, note: note || undefined },
            {
              onSuccess: () => {
                setOpen(false)
                toast.success('Escalation cancelled', { id: `handoff-cancelled-own-${handoff.id}` })
              },
            },
          )
        }
      />
    </>
  )
}
