import { ROOT_CAUSE_LABELS, ROOT_CAUSES, type RootCause } from '@resolutionflow/shared/escalation-rules.ts'
import { useId, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'
import { useResolveSession } from '../api/resolve-session.ts'

export const RESOLUTION_NOTE_MAX_LENGTH = 500

type ResolveDialogProps = { sessionId: string; open: boolean; onClose: () => void; onResolved: () => void }

/** What fixed it (required, short) and, optionally, the root cause category. */
export function ResolveDialog({ sessionId, open, onClose, onResolved }: ResolveDialogProps) {
  const noteId = useId()
  const causeId = useId()
  const [note, setNote] = useState('')
  const [rootCause, setRootCause] = useState<RootCause | ''>('')
  const resolve = useResolveSession()
  const close = () => {
    if (resolve.isPending) return
    resolve.reset()
    onClose()
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!note.trim() || resolve.isPending) return
    resolve.mutate(
      { sessionId, resolution_note: note.trim(), root_cause: rootCause || undefined },
      {
        onSuccess: () => {
          toast.success('Session resolved', { id: `resolved-${sessionId}` })
          onResolved()
          onClose()
        },
      },
    )
  }
  return (
    <Dialog open={open} onClose={close} title="Resolve this session" description="Whoever escalated it is told what fixed it; future escalations like it will find it.">
      <form className="rf-escalate-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={noteId} className="field__label">
            What fixed it
          </label>
          <textarea
            id={noteId}
            className="input"
            rows={3}
            maxLength={RESOLUTION_NOTE_MAX_LENGTH}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. SNMP status on the port"
            required
            disabled={resolve.isPending}
          />
        </div>
        <div className="field">
          <label htmlFor={causeId} className="field__label">
            Root cause <span className="rf-muted">(optional)</span>
          </label>
          <select id={causeId} className="input" value={rootCause} onChange={(e) => setRootCause(e.target.value as RootCause | '')} disabled={resolve.isPending}>
            <option value="">Not specified</option>
            {ROOT_CAUSES.map((c) => (
              <option key={c} value={c}>
                {ROOT_CAUSE_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        {resolve.error ? (
          <p className="form-error" role="alert">
            {resolve.error.message}
          </p>
        ) : null}
        <div className="dialog__footer">
          <Button variant="ghost" onClick={close} disabled={resolve.isPending}>
            Back
          </Button>
          <Button type="submit" variant="primary" loading={resolve.isPending} disabled={!note.trim()}>
            Resolve
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
