import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import { useId, useRef, useState, type FormEvent } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { isApiError } from '../../../lib/api-client.ts'
import type { useCreateHandoff } from '../api/create-handoff.ts'
import { useSeniors } from '../api/get-seniors.ts'
import { newIdempotencyKey } from '../utils/new-idempotency-key.ts'

export const NOTE_MAX_LENGTH = 2000

type EscalateFormProps = {
  sessionId: string
  /** Owned by the dialog, so it can refuse to close while the request is in flight. */
  createHandoff: ReturnType<typeof useCreateHandoff>
  onCancel: () => void
  onEscalated: (handoff: HandoffResponse) => void
}

/** Note and recipient for an escalation; submits once, safely retryable. */
export function EscalateForm({ sessionId, createHandoff, onCancel, onEscalated }: EscalateFormProps) {
  const noteId = useId()
  const counterId = useId()
  const targetId = useId()
  const [note, setNote] = useState('')
  const [targetUserId, setTargetUserId] = useState('')
  const seniors = useSeniors()
  // One key per submission content: a retry of the same note and recipient (after a
  // lost response, say) is answered with the first attempt's handoff, not a second one.
  const idempotencyKey = useRef<string | null>(null)

  const edit = (apply: () => void) => {
    idempotencyKey.current = null
    createHandoff.reset()
    apply()
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (createHandoff.isPending) return
    idempotencyKey.current ??= newIdempotencyKey()
    const trimmed = note.trim()
    const target = seniors.data?.users.find((user) => user.id === targetUserId)
    createHandoff.mutate(
      {
        sessionId,
        idempotencyKey: idempotencyKey.current,
        data: { note: trimmed || undefined, target_user_id: targetUserId || undefined },
      },
      {
        onSuccess: (handoff) => {
          toast.success(`Escalated to ${target ? target.name : 'all seniors'}`, { id: `escalated-${handoff.id}` })
          onEscalated(handoff)
        },
      },
    )
  }

  const error = createHandoff.error
  const remaining = NOTE_MAX_LENGTH - note.length

  return (
    <form className="rf-escalate-form" onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={noteId} className="field__label">
          Note for the senior <span className="rf-muted">(optional)</span>
        </label>
        <textarea
          id={noteId}
          className="input rf-escalate-form__note"
          rows={4}
          maxLength={NOTE_MAX_LENGTH}
          value={note}
          onChange={(event) => edit(() => setNote(event.target.value))}
          aria-describedby={counterId}
          placeholder="What have you tried, and where are you stuck?"
          disabled={createHandoff.isPending}
        />
        <p
          id={counterId}
          className={remaining < 100 ? 'rf-field__hint rf-field__hint--warn' : 'rf-field__hint'}
          // Only worth interrupting for when the limit is close.
          aria-live={remaining < 100 ? 'polite' : 'off'}
        >
          {note.length} / {NOTE_MAX_LENGTH}
        </p>
      </div>

      <div className="field">
        <label htmlFor={targetId} className="field__label">
          Send to
        </label>
        <select
          id={targetId}
          className="input"
          value={targetUserId}
          onChange={(event) => edit(() => setTargetUserId(event.target.value))}
          disabled={createHandoff.isPending}
          aria-busy={seniors.isPending}
        >
          <option value="">All seniors</option>
          {seniors.data?.users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.role === 'admin' ? `${user.name} (admin)` : user.name}
            </option>
          ))}
        </select>
        {seniors.isError ? (
          <p className="rf-field__hint">Couldn't load the list of seniors; it can still go to all of them.</p>
        ) : null}
      </div>

      {error ? (
        <p className="form-error" role="alert">
          {isApiError(error) && error.code === 'HANDOFF_ALREADY_OPEN'
            ? 'This session is already escalated and waiting for a senior.'
            : error.message}
        </p>
      ) : null}

      <div className="dialog__footer">
        <Button variant="ghost" onClick={onCancel} disabled={createHandoff.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" loading={createHandoff.isPending}>
          Escalate
        </Button>
      </div>
    </form>
  )
}
