import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Composer, COMPOSER_READ_ONLY_TEXT } from './composer.tsx'

function setup(isStreaming = false) {
  const onSend = vi.fn()
  const onStop = vi.fn()
  const user = userEvent.setup()
  const view = render(<Composer onSend={onSend} onStop={onStop} isStreaming={isStreaming} />)
  const rerender = (streaming: boolean) =>
    view.rerender(<Composer onSend={onSend} onStop={onStop} isStreaming={streaming} />)
  return { onSend, onStop, user, rerender, textarea: screen.getByRole('textbox', { name: 'Message' }) }
}

describe('Composer', () => {
  it('is disabled with the reason for a viewer who is not working the session, and sends nothing', async () => {
    const onSend = vi.fn()
    const user = userEvent.setup()
    render(<Composer onSend={onSend} onStop={vi.fn()} isStreaming={false} readOnly />)
    const textarea = screen.getByRole('textbox', { name: 'Message' })
    expect(textarea).toHaveAttribute('readonly')
    expect(textarea).toHaveAccessibleDescription(COMPOSER_READ_ONLY_TEXT)
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    await user.type(textarea, 'hello{Enter}')
    expect(onSend).not.toHaveBeenCalled()
  })

  it('is the labelled textarea other features focus by id', () => {
    const { textarea } = setup()
    expect(textarea).toHaveAttribute('id', 'chat-composer')
  })

  it('sends the trimmed text on Enter and clears the field', async () => {
    const { onSend, user, textarea } = setup()
    await user.type(textarea, '  DHCP lease fails  {Enter}')
    expect(onSend).toHaveBeenCalledExactlyOnceWith('DHCP lease fails')
    expect(textarea).toHaveValue('')
  })

  it('adds a new line on Shift+Enter instead of sending', async () => {
    const { onSend, user, textarea } = setup()
    await user.type(textarea, 'Line one{Shift>}{Enter}{/Shift}Line two')
    expect(onSend).not.toHaveBeenCalled()
    expect(textarea).toHaveValue('Line one\nLine two')
  })

  it('sends with the Send button, and not when empty', async () => {
    const { onSend, user, textarea } = setup()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    await user.type(textarea, '{Enter}')
    expect(onSend).not.toHaveBeenCalled()
    await user.type(textarea, 'Still broken')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledExactlyOnceWith('Still broken')
  })

  it('is disabled while a reply streams, offering Stop instead of Send', async () => {
    const { onStop, user, textarea } = setup(true)
    expect(textarea).toBeDisabled()
    expect(screen.queryByRole('button', { name: 'Send' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    expect(onStop).toHaveBeenCalledOnce()
  })

  it('gives focus back to the field when the reply it sent has finished', async () => {
    const { user, textarea, rerender } = setup()
    await user.type(textarea, 'Hi{Enter}')
    rerender(true)
    expect(textarea).toBeDisabled()
    rerender(false)
    expect(textarea).toHaveFocus()
  })
})
