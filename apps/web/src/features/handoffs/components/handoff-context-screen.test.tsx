import type { ClaimOption } from '@resolutionflow/shared/handoffs.ts'
import { act, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { callsTo, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { makeTask } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { makeHandoff, minutesAgo, readyAssessment } from '../testing/make-handoff.ts'
import { HandoffContextScreen, type HandoffContextScreenProps } from './handoff-context-screen.tsx'

const taskLane = [
  makeTask({ id: 't0', title: 'Check the Outlook version', position: 0 }),
  makeTask({ id: 't1', title: 'Clear cached credentials', position: 1 }),
  makeTask({ id: 't2', title: 'Test webmail sign-in', position: 2 }),
]

function renderScreen(props: Partial<HandoffContextScreenProps> = {}, server = makeHandoff()) {
  const fetchMock = mockFetch({ 'GET /api/handoffs/h1': () => jsonResponse(server) })
  const handlers = { onChoose: vi.fn<(option: ClaimOption) => void>(), onClose: vi.fn(), onStepClick: vi.fn() }
  const view = renderWithProviders(
    <HandoffContextScreen handoff={server} taskLane={taskLane} mode="pickup" {...handlers} {...props} />,
  )
  return { ...view, ...handlers, fetchMock }
}

const choice = (name: string | RegExp) => screen.getByRole('button', { name })

describe('HandoffContextScreen', () => {
  it('is a modal dialog named by its heading, saying who escalated, when, and their note', () => {
    renderScreen()
    const dialog = screen.getByRole('dialog', { name: 'Handoff: Outlook keeps asking for a password' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(within(dialog).getByText(/^Escalated by/)).toHaveTextContent(/Escalated by Jamie Rivera · 5 min\.? ago/)
    expect(within(dialog).getByText('Tried a new profile already, no luck.')).toBeInTheDocument()
  })

  it('shows a busy skeleton with "Analysing…" while the assessment is pending', () => {
    renderScreen({}, makeHandoff({ assessment_status: 'pending', ai_assessment_data: null }))
    const assessment = screen.getByRole('region', { name: 'AI assessment' })
    expect(assessment).toHaveAttribute('aria-busy', 'true')
    expect(within(assessment).getByText('Analysing…')).toBeInTheDocument()
    expect(screen.queryByText('What we know')).not.toBeInTheDocument()
  })

  it('shows the ready assessment: summary, what we know, likely cause, confidence and steps', () => {
    renderScreen()
    const assessment = screen.getByRole('region', { name: 'AI assessment' })
    expect(assessment).toHaveAttribute('aria-busy', 'false')
    expect(within(assessment).getByText(readyAssessment.summary_prose)).toBeInTheDocument()
    const known = within(assessment).getByRole('region', { name: 'What we know' })
    expect(within(known).getAllByRole('listitem').map((item) => item.textContent)).toEqual(readyAssessment.what_we_know)
    const cause = within(assessment).getByRole('region', { name: 'Likely cause' })
    expect(cause).toHaveTextContent(readyAssessment.likely_cause)
    expect(within(cause).getByText('Medium confidence')).toBeInTheDocument()
    const steps = within(assessment).getByRole('region', { name: 'Suggested steps' })
    expect(within(steps).getAllByRole('listitem').map((item) => item.textContent)).toEqual(readyAssessment.suggested_steps)
  })

  it('fills in live when the handoff query is refreshed (handoff_assessment_ready)', async () => {
    const pending = makeHandoff({ assessment_status: 'pending', ai_assessment_data: null })
    const { queryClient } = renderScreen({}, pending)
    expect(screen.getByText('Analysing…')).toBeInTheDocument()

    mockFetch({ 'GET /api/handoffs/h1': () => jsonResponse(makeHandoff()) })
    // What lib/sse.ts does when `handoff_assessment_ready` arrives.
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.detail('h1') }))

    expect(await screen.findByText(readyAssessment.summary_prose)).toBeInTheDocument()
    expect(screen.queryByText('Analysing…')).not.toBeInTheDocument()
  })

  it('offers Regenerate when the assessment failed, and goes back to the skeleton', async () => {
    const failed = makeHandoff({ assessment_status: 'failed', assessment_error: 'The model timed out.', ai_assessment_data: null })
    const { user } = renderScreen({}, failed)
    const fetchMock = mockFetch({
      'POST /api/handoffs/h1/assessment/regenerate': () => new Response(null, { status: 202 }),
      'GET /api/handoffs/h1': () => jsonResponse({ ...failed, assessment_status: 'pending', assessment_error: null }),
    })
    expect(screen.getByText("The AI assessment couldn't be generated.")).toBeInTheDocument()
    expect(screen.getByText('The model timed out.')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Regenerate' }))

    expect(await screen.findByText('Analysing…')).toBeInTheDocument()
    expect(callsTo(fetchMock, 'POST', '/api/handoffs/h1/assessment/regenerate')).toHaveLength(1)
    expect(screen.queryByRole('button', { name: 'Regenerate' })).not.toBeInTheDocument()
  })

  it('offers three numbered choices when the session has a task lane', () => {
    renderScreen()
    const choices = screen.getByRole('region', { name: 'How do you want to pick this up?' })
    const buttons = within(choices).getAllByRole('button')
    expect(buttons.map((button) => button.getAttribute('aria-keyshortcuts'))).toEqual(['1', '2', '3'])
    expect(buttons[0]).toHaveAccessibleName('Continue where Jamie Rivera left off')
    expect(buttons[1]).toHaveAccessibleName('Get AI analysis')
    expect(buttons[2]).toHaveAccessibleName("I'll take it from here")
    expect(within(choices).getByText('Press 1, 2 or 3 to choose.')).toBeInTheDocument()
  })

  it('hides "Continue" without a task lane and says what 1 and 2 do', () => {
    renderScreen({ taskLane: [] })
    const choices = screen.getByRole('region', { name: 'How do you want to pick this up?' })
    expect(within(choices).getAllByRole('button').map((button) => button.textContent)).toEqual([
      expect.stringContaining('Get AI analysis'),
      expect.stringContaining("I'll take it from here"),
    ])
    expect(screen.queryByRole('button', { name: /Continue where/ })).not.toBeInTheDocument()
    expect(within(choices).getByText('Press 1 for AI analysis or 2 to take it from here.')).toBeInTheDocument()
  })

  it('calls onChoose with the clicked option', async () => {
    const { user, onChoose } = renderScreen()
    await user.click(choice('Get AI analysis'))
    expect(onChoose).toHaveBeenCalledWith('ai_analysis')
  })

  it('shows a spinner on the running option and disables the others', async () => {
    const { user, onChoose } = renderScreen({ activeOption: 'ai_analysis' })
    const running = choice('Get AI analysis')
    expect(running).toHaveAttribute('aria-busy', 'true')
    expect(running.querySelector('.spinner')).not.toBeNull()
    expect(choice('Continue where Jamie Rivera left off')).toBeDisabled()
    expect(choice("I'll take it from here")).toBeDisabled()
    expect(choice('Continue where Jamie Rivera left off').querySelector('.spinner')).toBeNull()

    // Neither a second click nor a shortcut starts another claim.
    await user.click(running)
    await user.keyboard('3')
    expect(onChoose).not.toHaveBeenCalled()
  })

  it('chooses with the keys 1, 2 and 3', async () => {
    const { user, onChoose } = renderScreen()
    await user.keyboard('1')
    await user.keyboard('3')
    await user.keyboard('2')
    expect(onChoose.mock.calls).toEqual([['continue'], ['own'], ['ai_analysis']])
  })

  it('maps 1 to AI analysis and 2 to own without a task lane', async () => {
    const { user, onChoose } = renderScreen({ taskLane: [] })
    await user.keyboard('1')
    await user.keyboard('2')
    await user.keyboard('3')
    expect(onChoose.mock.calls).toEqual([['ai_analysis'], ['own']])
  })

  it('in overlay mode shows who picked it up and a Close button, with no choices', async () => {
    const claimed = makeHandoff({
      status: 'claimed',
      claimed_by: { id: 'u-sam', name: 'Sam Patel' },
      claimed_at: minutesAgo(2),
      claim_option: 'ai_analysis',
    })
    const { user, onClose, onChoose } = renderScreen({ mode: 'overlay', onChoose: undefined }, claimed)
    const dialog = screen.getByRole('dialog')
    expect(within(dialog).getByText(/^Picked up by/)).toHaveTextContent(/Picked up by Sam Patel · 2 min\.? ago · asked for AI analysis/)
    expect(screen.queryByRole('region', { name: 'How do you want to pick this up?' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Get AI analysis' })).not.toBeInTheDocument()
    const close = screen.getByRole('button', { name: 'Close' })
    expect(close).toHaveFocus()

    await user.keyboard('2')
    expect(onChoose).not.toHaveBeenCalled()
    await user.click(close)
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('a step links to the card it names, and only to that one; a step with no card is plain text', async () => {
    const handoff = makeHandoff({
      ai_assessment_data: {
        ...readyAssessment,
        // 0: card 1's title in other case; 1: contains card 2's title as words; 2 and 3: name no card.
        suggested_steps: ['clear cached credentials', 'Test webmail sign-in from another PC', 'Check DNS', 'Call Microsoft'],
      },
    })
    const { user, onStepClick } = renderScreen({}, handoff)
    const first = screen.getByRole('link', { name: 'clear cached credentials' })
    expect(first).toHaveAttribute('href', '#task-lane-card-1')
    await user.click(first)
    await user.click(screen.getByRole('link', { name: 'Test webmail sign-in from another PC' }))
    expect(onStepClick.mock.calls).toEqual([[1], [2]])
    // Shown, but with no card to point at they are not controls: no guess by position.
    for (const step of ['Check DNS', 'Call Microsoft']) {
      expect(screen.getByText(step)).toBeInTheDocument()
      expect(screen.queryByRole('link', { name: step })).not.toBeInTheDocument()
      expect(screen.queryByRole('button', { name: step })).not.toBeInTheDocument()
    }
  })

  it('shows `backticks` in a step as code', () => {
    const handoff = makeHandoff({
      ai_assessment_data: { ...readyAssessment, suggested_steps: ['Run `Get-PrinterDriver` on the PC'] },
    })
    renderScreen({}, handoff)
    const steps = screen.getByRole('region', { name: 'Suggested steps' })
    expect(within(steps).getByText('Get-PrinterDriver').tagName).toBe('CODE')
    expect(steps).not.toHaveTextContent('`')
  })

  it('traps Tab inside, closes on Esc and gives focus back to the opener', async () => {
    function Page() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            Open handoff
          </button>
          {open ? (
            <HandoffContextScreen
              handoff={makeHandoff()}
              taskLane={taskLane}
              mode="pickup"
              onChoose={() => undefined}
              onClose={() => setOpen(false)}
              onStepClick={() => undefined}
            />
          ) : null}
        </>
      )
    }
    mockFetch({ 'GET /api/handoffs/h1': () => jsonResponse(makeHandoff()) })
    const { user } = renderWithProviders(<Page />)
    const opener = screen.getByRole('button', { name: 'Open handoff' })
    await user.click(opener)
    const dialog = screen.getByRole('dialog')
    // Not now, one step link, three choices: twice round and a bit.
    for (let i = 0; i < 14; i += 1) {
      await user.tab()
      expect(dialog).toContainElement(document.activeElement as HTMLElement)
    }
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(opener).toHaveFocus()
  })
})
