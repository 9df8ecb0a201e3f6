export function MetricsEmpty() {
  return (
    <div className="metrics-state">
      <div className="empty-state">
        <h2 className="empty-state__title">No escalations in this period</h2>
        <p className="empty-state__text">
          Escalations show up here as your team hands sessions to seniors. Try a longer period.
        </p>
      </div>
    </div>
  )
}
