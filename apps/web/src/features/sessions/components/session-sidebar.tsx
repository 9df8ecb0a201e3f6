import { NewSessionButton } from './new-session-button.tsx'
import { SessionList } from './session-list.tsx'

export function SessionSidebar() {
  return (
    <nav className="session-sidebar" aria-labelledby="session-sidebar-title">
      <div className="session-sidebar__header">
        <h2 id="session-sidebar-title" className="session-sidebar__title">
          Sessions
        </h2>
        <NewSessionButton />
      </div>
      <SessionList />
    </nav>
  )
}
