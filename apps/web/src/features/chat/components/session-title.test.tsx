import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callsTo, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { makeSession } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { SessionTitle } from './session-title.tsx'

const PATH = '/api/sessions/s1'

function renderTitle() {
  const fetchMock = mockFetch({
    [`PATCH ${PATH}`]: ({ json }) => jsonResponse({ session: makeSession({ title: (json() as { title: string }).title }) }),
  })
  const view = renderWithProviders(
    <>
      <SessionTitle sessionId="s1" title="Outlook keeps asking for a password" />
      <button type="button">Escalate</button>
    </>,
  )
  return { ...view, fetchMock }
}

describe('SessionTitle', () => {
  it('renames with Enter and gives focus back to the Rename button, not to the page', async () => {
    const { user, fetchMock } = renderTitle()
    await user.click(screen.getByRole('button', { name: 'Rename session' }))
    await user.clear(screen.getByRole('textbox', { name: 'Session title' }))
    await user.keyboard('Outlook password prompts{Enter}')

    expect(screen.queryByRole('textbox', { name: 'Session title' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Rename session' })).toHaveFocus()
    expect(callsTo(fetchMock, 'PATCH', PATH).map((call) => call.body)).toEqual([{ title: 'Outlook password prompts' }])
  })

  it('gives focus back to the Rename button after Escape too, without saving', async () => {
    const { user, fetchMock } = renderTitle()
    await user.click(screen.getByRole('button', { name: 'Rename session' }))
    await user.keyboard('Something else{Escape}')

    expect(screen.getByRole('heading', { name: 'Outlook keeps asking for a password' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Rename session' })).toHaveFocus()
    expect(callsTo(fetchMock, 'PATCH', PATH)).toHaveLength(0)
  })

  it('leaves focus where Tab took it when the field saves on leaving', async () => {
    const { user } = renderTitle()
    await user.click(screen.getByRole('button', { name: 'Rename session' }))
    await user.tab()
    expect(screen.getByRole('button', { name: 'Escalate' })).toHaveFocus()
  })
})
