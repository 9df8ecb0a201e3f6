import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'

/**
 * A new webhook's signing secret. The server shows it in the create answer only, so this
 * says so plainly and offers a copy button; it disappears once dismissed.
 */
export function WebhookSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard.writeText(secret)
    setCopied(true)
  }
  return (
    <div className="rf-webhook-secret" role="status">
      <p>
        <strong>Signing secret.</strong> Copy it now: it is not shown again. The receiver checks the
        <code> ResolutionFlow-Signature</code> header with it.
      </p>
      <code className="rf-webhook-secret__value" data-testid="webhook-secret">
        {secret}
      </code>
      <div className="rf-webhook-secret__actions">
        <Button size="sm" onClick={() => void copy().catch(() => setCopied(false))}>
          {copied ? 'Copied' : 'Copy secret'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  )
}
