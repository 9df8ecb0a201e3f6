import { useState } from 'react'
import { Button } from '../../../components/ui/button.tsx'

/** A one-time link the admin passes on: shown once (the server keeps only its hash). */
export function CopyLink({ label, url, note }: { label: string; url: string; note: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <div className="copy-link" role="status">
      <p className="copy-link__note">{note}</p>
      <div className="copy-link__row">
        <input className="input copy-link__input" aria-label={label} value={url} readOnly onFocus={(e) => e.currentTarget.select()} />
        <Button
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true))
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  )
}
