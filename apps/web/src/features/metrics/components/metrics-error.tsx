import { Button } from '../../../components/ui/button.tsx'

type MetricsErrorProps = { message: string; onRetry: () => void; retrying: boolean }

export function MetricsError({ message, onRetry, retrying }: MetricsErrorProps) {
  return (
    <div className="metrics-state" role="alert">
      <div className="empty-state">
        <h2 className="empty-state__title">Couldn't load the team metrics</h2>
        <p className="empty-state__text">{message}</p>
        <Button variant="primary" onClick={onRetry} loading={retrying}>
          Retry
        </Button>
      </div>
    </div>
  )
}
