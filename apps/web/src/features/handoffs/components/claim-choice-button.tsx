import { useId } from 'react'
import { Spinner } from '../../../components/ui/spinner.tsx'

type ClaimChoiceButtonProps = {
  shortcut: number
  title: string
  description: string
  running: boolean
  disabled: boolean
  onChoose: () => void
}

/** One large, numbered choice. While it runs it stays focusable (aria-disabled) so focus isn't lost. */
export function ClaimChoiceButton({ shortcut, title, description, running, disabled, onChoose }: ClaimChoiceButtonProps) {
  const titleId = useId()
  const descriptionId = useId()
  return (
    <button
      type="button"
      className="rf-choice"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      aria-keyshortcuts={String(shortcut)}
      aria-busy={running}
      aria-disabled={running || undefined}
      disabled={disabled}
      onClick={() => {
        if (!running) onChoose()
      }}
    >
      <kbd className="rf-choice__key" aria-hidden="true">
        {shortcut}
      </kbd>
      <span className="rf-choice__text">
        <span id={titleId} className="rf-choice__title">
          {title}
        </span>
        <span id={descriptionId} className="rf-choice__description">
          {description}
        </span>
      </span>
      {/* Its slot is always there, so the running card does not grow when the spinner appears. */}
      <span className="rf-choice__spinner">{running ? <Spinner size="sm" /> : null}</span>
    </button>
  )
}
