import type { ReactNode } from 'react'
import type { Session } from '@resolutionflow/shared/sessions.ts'
import { CollapsibleMenu } from '../../../components/ui/collapsible-menu.tsx'
import { MoreIcon } from '../../../components/ui/icons.tsx'
import { AssistantLabel } from './assistant-label.tsx'
import { SessionTitle } from './session-title.tsx'

type ChatToolbarProps = { session: Session; actions?: ReactNode; readOnly?: boolean }

export function ChatToolbar({ session, actions, readOnly = false }: ChatToolbarProps) {
  return (
    <div className="chat-toolbar" data-testid="chat-toolbar">
      <SessionTitle key={session.id} sessionId={session.id} title={session.title} canRename={!readOnly} />
      <AssistantLabel />
      {actions && (
        <div className="chat-toolbar__actions">
          {/* On a phone the actions fold into one menu, so a long title never pushes them off screen. */}
          <CollapsibleMenu variant="toolbar" label="Session actions" icon={<MoreIcon size={18} />}>
            {actions}
          </CollapsibleMenu>
        </div>
      )}
    </div>
  )
}
