import { ROOT_CAUSE_LABELS } from '@resolutionflow/shared/escalation-rules.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'

/** A resolved session says so above the chat: who, and what fixed it. */
export function ResolutionBanner({ session }: { session: Session }) {
  if (session.status !== 'resolved') return null
  return (
    <p className="rf-handoff-banner rf-handoff-banner--claimed" data-testid="resolution-banner">
      Resolved{session.resolved_by ? ` by ${session.resolved_by.name}` : ''}: {session.resolution_note}
      {session.root_cause ? <span className="rf-muted"> · {ROOT_CAUSE_LABELS[session.root_cause]}</span> : null}
    </p>
  )
}
