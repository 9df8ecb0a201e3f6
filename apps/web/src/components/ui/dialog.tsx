import { useEffect, useId, useRef, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

type DialogProps = {
  open: boolean
  /** Called on Escape, on the backdrop, or by the dialog's own close controls. */
  onClose: () => void
  title: ReactNode
  description?: ReactNode
  children?: ReactNode
  /** Buttons row at the bottom (e.g. Cancel / Confirm). */
  footer?: ReactNode
  className?: string
}

/**
 * A modal on the native `<dialog>`: `showModal()` gives the focus trap, the
 * inert background, Escape and focus return for free, with the right roles.
 *
 * It renders into `<body>`, wherever its opener is: the top layer lifts an open dialog above
 * the page but not out of a `display: none` ancestor, such as a phone's folded actions menu
 * (`CollapsibleMenu`), which closes as soon as one of its items opens a dialog.
 */
export function Dialog({ open, onClose, title, description, children, footer, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const descriptionId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog || !open) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // jsdom has no showModal; the `open` attribute keeps the content visible in tests.
    if (typeof dialog.showModal === 'function') dialog.showModal()
    else dialog.setAttribute('open', '')
    return () => {
      if (typeof dialog.close === 'function') dialog.close()
      else dialog.removeAttribute('open')
      // close() gives focus back to the opener, but a dialog unmounted while open (Resolve gives
      // way to Reopen as the session resolves) gets no close steps, and focus falls to <body>.
      const lost = document.activeElement === null || document.activeElement === document.body
      if (lost && opener?.isConnected) opener.focus()
    }
  }, [open])

  return createPortal(
    <dialog
      ref={ref}
      className={['dialog', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // The native Escape closes the element itself; route it through onClose so state stays the source of truth.
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      {open && (
        <div className="dialog__panel">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {description && (
            <p id={descriptionId} className="dialog__description">
              {description}
            </p>
          )}
          {children}
          {footer && <div className="dialog__footer">{footer}</div>}
        </div>
      )}
    </dialog>,
    document.body,
  )
}
