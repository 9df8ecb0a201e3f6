import { ROOT_CAUSE_LABELS } from '@resolutionflow/shared/escalation-rules.ts'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { StatusParts } from '../../../components/ui/status-parts.tsx'

/** A resolved session says so above the chat: who, and what fixed it. */
export function ResolutionBanner({ session }: { session: Session }) {
  if (session.status !== 'resolved') return null
  return (
    <p className="rf-handoff-banner rf-handoff-banner--claimed" data-testid="resolution-banner">
      <StatusParts
        parts={[
          { content: `Resolved${session.resolved_by ? ` by ${session.resolved_by.name}` : ''}` },
          { content: session.resolution_note, joiner: ':' },
          session.root_cause && { content: ROOT_CAUSE_LABELS[session.root_cause], muted: true },
        ]}
      />
    </p>
  )
}
