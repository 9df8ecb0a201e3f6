import { Button } from '../../../components/ui/button.tsx'

type ReplyErrorProps = { message: string; onRetry: () => void; onDismiss?: () => void; dismissLabel?: string }

export function ReplyError({ message, onRetry, onDismiss, dismissLabel = 'Dismiss' }: ReplyErrorProps) {
  return (
    <div className="reply-error" role="alert">
      <p className="reply-error__text">
        <strong>The reply failed.</strong> {message}
      </p>
      <div className="reply-error__actions">
        <Button size="sm" variant="primary" onClick={onRetry}>
          Retry
        </Button>
        {onDismiss ? (
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            {dismissLabel}
          </Button>
        ) : null}
      </div>
    </div>
  )
}
