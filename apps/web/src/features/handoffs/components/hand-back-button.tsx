import { canHandBack } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { useState } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { useHandBackHandoff } from '../api/hand-back-handoff.ts'
import type { Viewer } from '../utils/can-claim-handoff.ts'
import { NoteDialog } from './note-dialog.tsx'

/** Chat toolbar, for the senior who picked it up: give the session back with what to try next. */
export function HandBackButton({ handoff, session, viewer }: { handoff: HandoffResponse | null; session: Session; viewer: Viewer }) {
  const [open, setOpen] = useState(false)
  const handBack = useHandBackHandoff()
  if (!handoff || !canHandBack(viewer, handoff, session)) return null
  return (
    <>
      <Button variant="ghost" size="sm" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Hand back
      </Button>
      <NoteDialog
        open={open}
        onClose={() => {
          handBack.reset()
          setOpen(false)
        }}
        title={`Hand back to ${handoff.handed_off_by_name}`}
        description="They are notified with your note, and the session is theirs again."
        noteLabel="Note"
        placeholder="Try this next, ping me if it fails"
        required
        confirmLabel="Hand back"
        pending={handBack.isPending}
        error={handBack.error?.message ?? null}
        onConfirm={(note) =>
          handBack.mutate(
            { handoffId: handoff.id, note },
            {
              onSuccess: () => {
                setOpen(false)
                toast.success(`Handed back to ${handoff.handed_off_by_name}`, { id: `handed-back-${handoff.id}` })
              },
            },
          )
        }
      />
    </>
  )
}
