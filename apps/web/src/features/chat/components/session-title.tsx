import { useEffect, useRef, useState, type FormEvent } from 'react'
import { PencilIcon } from '../../../components/ui/icons.tsx'
import { useRenameSession } from '../api/rename-session.ts'

type SessionTitleProps = { sessionId: string; title: string; canRename?: boolean }

/**
 * The session's title, renamed in place: Enter or leaving the field saves, Escape cancels.
 * After Enter or Escape focus goes back to the Rename button (the field it was in is gone);
 * leaving the field by Tab or a click keeps focus wherever it went.
 */
export function SessionTitle({ sessionId, title, canRename = true }: SessionTitleProps) {
  const [draft, setDraft] = useState<string | null>(null)
  const rename = useRenameSession(sessionId)
  const renameButtonRef = useRef<HTMLButtonElement>(null)
  const refocusRenameButton = useRef(false)

  useEffect(() => {
    if (draft !== null || !refocusRenameButton.current) return
    refocusRenameButton.current = false
    renameButtonRef.current?.focus()
  }, [draft])

  const save = () => {
    const next = draft?.trim()
    setDraft(null)
    if (next && next !== title) rename.mutate(next)
  }

  if (draft === null) {
    return (
      <div className="session-title">
        <h1 className="session-title__text" title={title}>
          {title}
        </h1>
        {canRename && (
          <button
            ref={renameButtonRef}
            type="button"
            className="icon-btn icon-btn--sm"
            aria-label="Rename session"
            onClick={() => setDraft(title)}
          >
            <PencilIcon size={14} />
          </button>
        )}
      </div>
    )
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    refocusRenameButton.current = true
    save()
  }

  return (
    <form className="session-title" onSubmit={onSubmit}>
      <input
        className="input session-title__input"
        aria-label="Session title"
        value={draft}
        maxLength={200}
        autoFocus
        onFocus={(event) => event.currentTarget.select()}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={save}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            refocusRenameButton.current = true
            setDraft(null)
          }
        }}
      />
    </form>
  )
}
