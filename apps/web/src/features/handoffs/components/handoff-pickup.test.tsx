import { act, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { callsTo, deferred, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { jamie, makeTask, sam } from '../../../testing/fixtures.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { makeHandoff, minutesAgo } from '../testing/make-handoff.ts'
import type { Viewer } from '../utils/can-claim-handoff.ts'
import { HandoffPickup } from './handoff-pickup.tsx'
import { ReopenHandoffButton } from './reopen-handoff-button.tsx'

const CLAIM = '/api/handoffs/h1/claim'
const morgan = { id: 'u-morgan', name: 'Morgan Lee' }
const taskLane = [makeTask({ title: 'Clear cached credentials' })]

const claimedBy = (who: { id: string; name: string }, option: 'continue' | 'ai_analysis' | 'own' = 'continue') =>
  makeHandoff({ status: 'claimed', claimed_by: who, claimed_at: minutesAgo(0), claim_option: option })

function renderPickup({
  route = '/chat/s1?pickup=true',
  viewer = sam as Viewer,
  handoff = makeHandoff(),
  claim = (): Response | Promise<Response> => jsonResponse(claimedBy(sam)),
} = {}) {
  const fetchMock = mockFetch({
    'GET /api/handoffs/h1': () => jsonResponse(handoff),
    [`POST ${CLAIM}`]: claim,
  })
  const highlightTask = vi.fn()
  const view = renderWithProviders(
    <main tabIndex={-1}>
      <a href="#queue">Queue item</a>
      <ReopenHandoffButton handoff={handoff} viewer={viewer} />
      <textarea id="chat-composer" aria-label="Message" />
      <HandoffPickup handoff={handoff} taskLane={taskLane} viewer={viewer} highlightTask={highlightTask} />
    </main>,
    { route, path: '/chat/:sessionId' },
  )
  return { ...view, fetchMock, highlightTask, search: () => view.router.state.location.search }
}

describe('HandoffPickup', () => {
  it('shows nothing without ?pickup=true', () => {
    renderPickup({ route: '/chat/s1' })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('"Continue" claims, closes the screen and drops ?pickup from the URL', async () => {
    const { user, fetchMock, search } = renderPickup()
    await user.click(screen.getByRole('button', { name: 'Continue where Jamie Rivera left off' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(callsTo(fetchMock, 'POST', CLAIM).map((call) => call.body)).toEqual([{ option: 'continue' }])
    expect(search()).toBe('')
  })

  it('opened with the page (no opener to return to), leaves focus on the page, not on nowhere, once it closes', async () => {
    const { user } = renderPickup()
    await user.click(screen.getByRole('button', { name: 'Continue where Jamie Rivera left off' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(screen.getByRole('main')).toHaveFocus()
  })

  it('after a claim, moves focus to the page rather than back to the opener, which goes away with the claim (a queue link)', async () => {
    const { user, router } = renderPickup({ route: '/chat/s1' })
    screen.getByRole('link', { name: 'Queue item' }).focus()
    await act(() => router.navigate('/chat/s1?pickup=true'))
    await user.click(await screen.findByRole('button', { name: 'Continue where Jamie Rivera left off' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(screen.getByRole('main')).toHaveFocus()
  })

  it('shows the spinner on the running choice until the claim answers', async () => {
    const answer = deferred<Response>()
    const { user } = renderPickup({ claim: () => answer.promise })
    await user.keyboard('3')

    expect(screen.getByRole('button', { name: "I'll take it from here" })).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByRole('button', { name: 'Get AI analysis' })).toBeDisabled()
    await act(async () => answer.resolve(jsonResponse(claimedBy(sam, 'own'))))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
  })

  it('"Get AI analysis" claims with that option and closes; the server, not the page, posts the briefing', async () => {
    const { user, fetchMock } = renderPickup({ claim: () => jsonResponse(claimedBy(sam, 'ai_analysis')) })
    await user.click(screen.getByRole('button', { name: 'Get AI analysis' }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(callsTo(fetchMock, 'POST', CLAIM).map((call) => call.body)).toEqual([{ option: 'ai_analysis' }])
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('/messages'))).toBe(false)
  })

  it('"I\'ll take it from here" claims, closes and focuses the composer', async () => {
    const { user, fetchMock } = renderPickup({ claim: () => jsonResponse(claimedBy(sam, 'own')) })
    await user.click(screen.getByRole('button', { name: "I'll take it from here" }))

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(callsTo(fetchMock, 'POST', CLAIM)[0]?.body).toEqual({ option: 'own' })
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveFocus()
  })

  it('on 409 toasts "Already claimed by Sam Patel" and closes', async () => {
    const { user, search } = renderPickup({
      viewer: { id: 'u-morgan', role: 'admin' },
      claim: () =>
        jsonResponse(
          { code: 'HANDOFF_ALREADY_CLAIMED', message: 'Already claimed by Sam Patel', claimed_by: { id: sam.id, name: sam.name } },
          409,
        ),
    })
    await user.click(screen.getByRole('button', { name: 'Get AI analysis' }))

    expect(await screen.findByText('Already claimed by Sam Patel')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(search()).toBe('')
  })

  it('on any other error toasts the message and keeps the screen open', async () => {
    const { user } = renderPickup({ claim: () => errorResponse(500, 'INTERNAL', 'Something went wrong on our side.') })
    await user.click(screen.getByRole('button', { name: 'Get AI analysis' }))

    expect(await screen.findByText('Something went wrong on our side.')).toBeInTheDocument()
    expect(screen.getByRole('dialog')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Get AI analysis' })).toBeEnabled()
    expect(screen.getByRole('button', { name: 'Get AI analysis' })).toHaveAttribute('aria-busy', 'false')
  })

  it('closes with "Already claimed by …" when someone else claims it while the screen is open', async () => {
    const { queryClient, search } = renderPickup()
    expect(screen.getByRole('dialog')).toBeInTheDocument()

    mockFetch({ 'GET /api/handoffs/h1': () => jsonResponse(claimedBy(morgan)) })
    // What lib/sse.ts does on `handoff_claimed`.
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.handoffs.detail('h1') }))

    expect(await screen.findByText('Already claimed by Morgan Lee')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(search()).toBe('')
  })

  it('shows the one who escalated the screen read-only, without choices', () => {
    renderPickup({ viewer: jamie })
    expect(screen.getByRole('dialog')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Get AI analysis' })).not.toBeInTheDocument()
  })

  it('a step link highlights its task-lane card through the page', async () => {
    const { user, highlightTask } = renderPickup()
    await user.click(screen.getByRole('link', { name: 'Clear cached credentials' }))
    expect(highlightTask).toHaveBeenCalledWith(0)
  })

  it('after the claim the toolbar re-opens the handoff as a read-only overlay', async () => {
    const claimed = claimedBy(sam, 'own')
    const { user, search } = renderPickup({ route: '/chat/s1', handoff: claimed })
    await user.click(screen.getByRole('button', { name: 'Handoff context' }))

    expect(screen.getByRole('dialog')).toHaveTextContent(/Picked up by Sam Patel/)
    expect(screen.queryByRole('button', { name: 'Get AI analysis' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Close' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(search()).toBe('')
    expect(screen.getByRole('button', { name: 'Handoff context' })).toHaveFocus()
  })
})
