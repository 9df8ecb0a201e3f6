import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

type CollapsibleMenuProps = {
  /** The toggle's accessible name, e.g. "Session actions". */
  label: string
  icon: ReactNode
  /** Where it collapses is the stylesheet's business: `collapsible-menu--{variant}`. */
  variant: 'toolbar' | 'header'
  children: ReactNode
}

/**
 * A row of controls that stays a row on wide screens and folds into a drop-down behind one
 * button on narrow ones. The controls render once, whatever the width: CSS decides whether
 * the toggle shows and the row becomes a panel, so nothing is mounted twice (dialogs the
 * controls own included).
 */
export function CollapsibleMenu({ label, icon, variant, children }: CollapsibleMenuProps) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const toggleRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog opened from the menu handles its own Escape; the menu stays behind it.
      if (event.key !== 'Escape' || document.querySelector('dialog[open], [aria-modal="true"]')) return
      setOpen(false)
      toggleRef.current?.focus()
    }
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKeyDown)
    document.addEventListener('pointerdown', onPointerDown)
    return () => {
      document.removeEventListener('keydown', onKeyDown)
      document.removeEventListener('pointerdown', onPointerDown)
    }
  }, [open])

  return (
    <div ref={rootRef} className={`collapsible-menu collapsible-menu--${variant}${open ? ' is-open' : ''}`}>
      <button
        ref={toggleRef}
        type="button"
        className="icon-btn collapsible-menu__toggle"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {icon}
      </button>
      <div
        id={panelId}
        className="collapsible-menu__items"
        // A link leads elsewhere while the header stays: the menu must not stay open over the next page.
        onClick={(event) => {
          if ((event.target as Element).closest('a[href]')) setOpen(false)
        }}
      >
        {children}
      </div>
    </div>
  )
}
