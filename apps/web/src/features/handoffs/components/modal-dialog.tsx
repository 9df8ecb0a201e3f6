import { useRef, type ReactNode, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import { useFocusTrap } from '../hooks/use-focus-trap.ts'
import '../handoffs.css'

type ModalDialogProps = {
  /** id of the heading that names the dialog. */
  labelledBy: string
  describedBy?: string
  /** Esc calls it; omit it to make Esc do nothing. */
  onDismiss?: () => void
  /** A click on the backdrop also dismisses (not for dialogs where a stray click would lose work). */
  dismissOnBackdrop?: boolean
  initialFocusRef?: RefObject<HTMLElement | null>
  size?: 'small' | 'large'
  /** Wide screens: leave the chat's task lane (on the right) out of the dialog's way. */
  besideTaskLane?: boolean
  children: ReactNode
}

/**
 * A modal dialog over the page: focus trapped inside, returned to the opener on close.
 *
 * Not the native `<dialog>` of `components/ui/dialog.tsx`: `showModal()` makes the whole page
 * inert under a top-layer backdrop, and the handoff context screen needs the chat's task lane
 * beside it live (a step link scrolls to and flashes its card, above the dimmed backdrop) and
 * sonner's error toasts above it, readable, while a failed claim keeps the screen open.
 */
export function ModalDialog({
  labelledBy,
  describedBy,
  onDismiss,
  dismissOnBackdrop = false,
  initialFocusRef,
  size = 'small',
  besideTaskLane = false,
  children,
}: ModalDialogProps) {
  const dialogRef = useRef<HTMLDivElement>(null)
  useFocusTrap(dialogRef, { onEscape: onDismiss, initialFocusRef })

  return createPortal(
    <div
      className={besideTaskLane ? 'rf-modal-backdrop rf-modal-backdrop--beside-lane' : 'rf-modal-backdrop'}
      onMouseDown={(event) => {
        if (dismissOnBackdrop && event.target === event.currentTarget) onDismiss?.()
      }}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`rf-modal rf-modal--${size}`}
      >
        {children}
      </div>
    </div>,
    document.body,
  )
}
