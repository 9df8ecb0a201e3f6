import { canDecline, DECLINE_REASON_LABELS, DECLINE_REASONS, type DeclineReason } from '@resolutionflow/shared/escalation-rules.ts'
import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useId, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { useDeclineHandoff } from '../api/decline-handoff.ts'
import type { Viewer } from '../utils/can-claim-handoff.ts'

type DeclineFormProps = { handoff: HandoffResponse; viewer: Viewer; onDeclined: () => void }

/**
 * On the pickup screen: "not mine", with a reason. Folded away behind one button so it never
 * competes with the three choices.
 */
export function DeclineForm({ handoff, viewer, onDeclined }: DeclineFormProps) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState<DeclineReason>('not_my_area')
  const [note, setNote] = useState('')
  const decline = useDeclineHandoff()
  const noteId = useId()
  const alreadyDeclined = handoff.declines.some((d) => d.user.id === viewer.id)
  if (!canDecline(viewer, handoff) || alreadyDeclined) return null

  if (!open) {
    return (
      <div className="rf-decline">
        <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
          Decline…
        </Button>
      </div>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    decline.mutate(
      { handoffId: handoff.id, reason, note: note.trim() || undefined },
      {
        onSuccess: () => {
          toast.info(handoff.target_user ? 'Declined: it now goes to every senior' : 'Declined', { id: `declined-${handoff.id}` })
          onDeclined()
        },
      },
    )
  }

  return (
    <form className="rf-decline rf-decline--open" onSubmit={submit} aria-label="Decline this escalation">
      <fieldset className="rf-decline__reasons">
        <legend className="rf-section-title">Why not you?</legend>
        {DECLINE_REASONS.map((r) => (
          <label key={r} className="rf-decline__reason">
            <input type="radio" name="decline-reason" value={r} checked={reason === r} onChange={() => setReason(r)} /> {DECLINE_REASON_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={noteId} className="field__label">
        Note <span className="rf-muted">(optional)</span>
      </label>
      <input id={noteId} className="input" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      {decline.error ? (
        <p className="form-error" role="alert">
          {decline.error.message}
        </p>
      ) : null}
      <div className="rf-decline__actions">
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)} disabled={decline.isPending}>
          Back
        </Button>
        <Button type="submit" variant="danger" size="sm" loading={decline.isPending}>
          Decline
        </Button>
      </div>
    </form>
  )
}
