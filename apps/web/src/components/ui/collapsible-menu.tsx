import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react'

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
 * controls own included: `<Dialog>` renders into `<body>`, so a folded panel does not hide it).
 *
 * Choosing an item (a link, or a button that is not an on/off toggle) closes the drop-down
 * at once and puts focus on the toggle: a dialog the item opens then takes focus from the
 * toggle and gives it back there, not to an item hidden in the closed panel.
 */
export function CollapsibleMenu({ label, icon, variant, children }: CollapsibleMenuProps) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const toggleRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    const onKeyDown = (event: KeyboardEvent) => {
      // An Escape meant for a dialog open over the menu is the dialog's.
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

  const closeOnChoice = (event: MouseEvent<HTMLDivElement>) => {
    // Only a drop-down closes: on a wide screen the items are a row and focus stays where it is.
    if (!open) return
    const target = event.target as Element
    // Clicks inside a dialog an item opened arrive here through React's tree (the dialog is
    // portalled to <body>), not the DOM's: they are not a choice from the menu.
    if (!event.currentTarget.contains(target)) return
    const item = target.closest('a[href], button')
    // A switch (the theme) shows its effect in place; a disabled item does nothing.
    if (!item || item.matches('[aria-pressed], [aria-disabled="true"]')) return
    setOpen(false)
    // Before the item's dialog opens (after this click's render), so showModal() records the
    // toggle as the element to give focus back to.
    toggleRef.current?.focus()
  }

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
      <div id={panelId} className="collapsible-menu__items" onClick={closeOnChoice}>
        {children}
      </div>
    </div>
  )
}
