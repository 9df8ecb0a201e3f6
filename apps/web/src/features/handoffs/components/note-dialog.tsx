import { useId, useState, type FormEvent, type ReactNode } from 'react'
import { Button } from '../../../components/ui/button.tsx'
import { Dialog } from '../../../components/ui/dialog.tsx'

type NoteDialogProps = {
  open: boolean
  onClose: () => void
  title: string
  description: ReactNode
  noteLabel: string
  placeholder?: string
  /** A hand back needs its note; a cancel does not. */
  required?: boolean
  confirmLabel: string
  pending: boolean
  error: string | null
  onConfirm: (note: string) => void
}

/** A confirm dialog with one note: "I solved it myself" and "Hand back". */
export function NoteDialog({ open, onClose, title, description, noteLabel, placeholder, required = false, confirmLabel, pending, error, onConfirm }: NoteDialogProps) {
  const noteId = useId()
  const [note, setNote] = useState('')
  const blank = note.trim() === ''
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (pending || (required && blank)) return
    onConfirm(note.trim())
  }
  return (
    <Dialog open={open} onClose={() => !pending && onClose()} title={title} description={description}>
      <form className="rf-escalate-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={noteId} className="field__label">
            {noteLabel} {required ? null : <span className="rf-muted">(optional)</span>}
          </label>
          <textarea
            id={noteId}
            className="input"
            rows={3}
            maxLength={2000}
            value={note}
            placeholder={placeholder}
            onChange={(event) => setNote(event.target.value)}
            disabled={pending}
            required={required}
          />
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog__footer">
          <Button variant="ghost" onClick={onClose} disabled={pending}>
            Back
          </Button>
          <Button type="submit" variant="primary" loading={pending} disabled={required && blank}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  )
}
