import type { ReactNode } from 'react'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { AssistantLabel } from './assistant-label.tsx'
import { SessionTitle } from './session-title.tsx'

type ChatToolbarProps = { session: Session; actions?: ReactNode; readOnly?: boolean }

export function ChatToolbar({ session, actions, readOnly = false }: ChatToolbarProps) {
  return (
    <div className="chat-toolbar">
      <SessionTitle key={session.id} sessionId={session.id} title={session.title} canRename={!readOnly} />
      <AssistantLabel />
      {actions && <div className="chat-toolbar__actions">{actions}</div>}
    </div>
  )
}
