type SpinnerProps = {
  /** When given, the spinner is announced as a status; without it, it is decoration (e.g. inside a labelled button). */
  label?: string
  size?: 'sm' | 'md' | 'lg'
}

export function Spinner({ label, size = 'md' }: SpinnerProps) {
  if (!label) return <span className={`spinner spinner--${size}`} aria-hidden="true" />
  return (
    <span role="status" className="spinner-status">
      <span className={`spinner spinner--${size}`} aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  )
}

/** A page's loading state: the spinner and its label in words, so a slow load never looks blank. */
export function FullPageSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="full-page-center">
      <span role="status" className="loading-state">
        <Spinner size="lg" />
        <span>{label}…</span>
      </span>
    </div>
  )
}
