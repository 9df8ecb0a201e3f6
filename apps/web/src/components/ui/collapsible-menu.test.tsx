import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { CollapsibleMenu } from './collapsible-menu.tsx'
import { Dialog } from './dialog.tsx'

/** A toolbar item the way the chat's are built: a button owning the dialog it opens. */
function ResolveItem() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Resolve
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Resolve this session">
        <button type="button" onClick={() => setOpen(false)}>
          Back
        </button>
      </Dialog>
    </>
  )
}

function Toolbar() {
  return (
    <CollapsibleMenu variant="toolbar" label="Session actions" icon="⋯">
      <ResolveItem />
      <button type="button" aria-pressed="false">
        Dark mode
      </button>
    </CollapsibleMenu>
  )
}

const toggle = () => screen.getByRole('button', { name: 'Session actions' })

/**
 * The fold of styles.css's phone rules, for this test's document (jsdom applies no media
 * queries): a closed menu's items are `display: none`, an open one's are shown.
 */
function foldLikeAPhone() {
  const style = document.createElement('style')
  style.textContent = `
    .collapsible-menu__items { display: none; }
    .collapsible-menu.is-open .collapsible-menu__items { display: flex; }
  `
  document.head.append(style)
  onTestFinished(() => style.remove())
}

describe('CollapsibleMenu', () => {
  it('closes as soon as an item is chosen, and its dialog shows outside the folded panel and takes focus from the toggle', async () => {
    foldLikeAPhone()
    const user = userEvent.setup()
    render(<Toolbar />)
    const resolve = screen.getByRole('button', { name: 'Resolve', hidden: true })
    expect(resolve).not.toBeVisible()
    await user.click(toggle())
    expect(toggle()).toHaveAttribute('aria-expanded', 'true')
    expect(resolve).toBeVisible()

    await user.click(resolve)

    // The panel folds away at once, with the item in it; the dialog that item owns must not go with it.
    expect(toggle()).toHaveAttribute('aria-expanded', 'false')
    expect(resolve).not.toBeVisible()
    const dialog = screen.getByRole('dialog', { name: 'Resolve this session', hidden: true })
    expect(dialog).toHaveAttribute('open')
    expect(dialog).toBeVisible()
    // The toggle is what the dialog gives focus back to: the item is hidden in the closed panel.
    expect(toggle()).toHaveFocus()

    // Clicks inside the dialog are not choices from the menu: it stays closed.
    await user.click(screen.getByRole('button', { name: 'Back' }))
    expect(toggle()).toHaveAttribute('aria-expanded', 'false')
  })

  it('stays open for a switch, which shows its effect in place', async () => {
    const user = userEvent.setup()
    render(<Toolbar />)
    await user.click(toggle())
    await user.click(screen.getByRole('button', { name: 'Dark mode' }))
    expect(toggle()).toHaveAttribute('aria-expanded', 'true')
  })

  it('leaves focus on the item when the items are a row (never folded, as on a wide screen)', async () => {
    const user = userEvent.setup()
    render(<Toolbar />)
    await user.click(screen.getByRole('button', { name: 'Resolve' }))
    expect(screen.getByRole('button', { name: 'Resolve' })).toHaveFocus()
    expect(toggle()).toHaveAttribute('aria-expanded', 'false')
  })
})
