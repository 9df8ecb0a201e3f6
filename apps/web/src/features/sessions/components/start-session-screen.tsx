import { NewSessionButton } from './new-session-button.tsx'

/** Home for a user with no sessions yet. */
export function StartSessionScreen() {
  return (
    <div className="full-page-center">
      <div className="empty-state">
        <h1 className="empty-state__title">Start a session</h1>
        <p className="empty-state__text">
          Describe the customer's problem and the assistant will propose concrete steps. If you get stuck, escalate to a
          senior with the whole context attached.
        </p>
        <NewSessionButton size="md" />
      </div>
    </div>
  )
}
