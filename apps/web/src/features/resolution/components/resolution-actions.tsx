import { canReopen, canResolve, type Actor, type HandoffFacts } from '@resolutionflow/shared/escalation-rules.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { useRef, useState } from 'react'
import { toast } from 'sonner'
import { Button } from '../../../components/ui/button.tsx'
import { useReopenSession } from '../api/reopen-session.ts'
import { ResolveDialog } from './resolve-dialog.tsx'

type ResolutionActionsProps = { session: Session; handoff: HandoffFacts | null; viewer: Actor }

/** Chat toolbar: Resolve (with what fixed it) while open, Reopen once resolved; only for who works it. */
export function ResolutionActions({ session, handoff, viewer }: ResolutionActionsProps) {
  const [open, setOpen] = useState(false)
  const reopen = useReopenSession()
  // Resolve gives way to Reopen as the session resolves, and the dialog goes with it: focus
  // would fall to the page, so the Reopen that takes Resolve's place takes it.
  const resolvedHere = useRef(false)
  const takeFocus = (button: HTMLButtonElement | null) => {
    if (!button || !resolvedHere.current) return
    resolvedHere.current = false
    button.focus()
  }
  if (canReopen(viewer, session, handoff)) {
    return (
      <Button
        ref={takeFocus}
        variant="secondary"
        size="sm"
        loading={reopen.isPending}
        onClick={() => reopen.mutate({ sessionId: session.id }, { onError: (error) => toast.error(error.message) })}
      >
        Reopen
      </Button>
    )
  }
  if (!canResolve(viewer, session, handoff)) return null
  return (
    <>
      <Button variant="primary" size="sm" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Resolve
      </Button>
      <ResolveDialog sessionId={session.id} open={open} onClose={() => setOpen(false)} onResolved={() => void (resolvedHere.current = true)} />
    </>
  )
}
