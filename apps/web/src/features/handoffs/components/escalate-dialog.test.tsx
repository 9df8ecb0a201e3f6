import type { SessionDetailResponse } from '@resolutionflow/shared/sessions.ts'
import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { callsTo, deferred, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { makeDetail } from '../../../testing/fixtures.ts'
import { createTestQueryClient, renderWithProviders } from '../../../testing/render.tsx'
import { makeHandoff } from '../testing/make-handoff.ts'
import { EscalateButton } from './escalate-button.tsx'

const ESCALATE = '/api/sessions/s1/handoffs'
const seniors = {
  users: [
    { id: 'u-sam', name: 'Sam Patel', role: 'senior' },
    { id: 'u-morgan', name: 'Morgan Lee', role: 'admin' },
  ],
}

function renderEscalate(escalate: () => Response | Promise<Response>) {
  const fetchMock = mockFetch({
    'GET /api/users/seniors': () => jsonResponse(seniors),
    [`POST ${ESCALATE}`]: escalate,
  })
  const queryClient = createTestQueryClient()
  queryClient.setQueryData<SessionDetailResponse>(queryKeys.sessions.detail('s1'), makeDetail())
  const view = renderWithProviders(<EscalateButton sessionId="s1" handoff={null} />, { queryClient })
  return { ...view, fetchMock }
}

async function openDialog(user: ReturnType<typeof renderEscalate>['user']) {
  await user.click(screen.getByRole('button', { name: 'Escalate' }))
  return screen.getByRole('dialog', { name: 'Escalate to a senior' })
}

describe('EscalateDialog', () => {
  it('submits the note and the chosen senior with an Idempotency-Key, busy while sending', async () => {
    const answer = deferred<Response>()
    const { user, fetchMock, queryClient } = renderEscalate(() => answer.promise)
    const dialog = await openDialog(user)

    const note = within(dialog).getByRole('textbox', { name: /Note for the senior/ })
    await user.type(note, 'VPN drops every 10 min')
    expect(within(dialog).getByText('22 / 2000')).toBeInTheDocument()
    const sendTo = within(dialog).getByRole('combobox', { name: 'Send to' })
    expect(sendTo).toHaveValue('')
    expect(within(sendTo).getByRole('option', { name: 'All seniors' })).toBeInTheDocument()
    await within(dialog).findByRole('option', { name: 'Sam Patel' })
    await user.selectOptions(sendTo, 'Sam Patel')
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }))

    const [call] = callsTo(fetchMock, 'POST', ESCALATE)
    expect(call?.body).toEqual({ note: 'VPN drops every 10 min', target_user_id: 'u-sam' })
    expect(new Headers(call?.init.headers).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
    const submit = within(dialog).getByRole('button', { name: 'Escalate' })
    expect(submit).toBeDisabled()
    expect(submit).toHaveAttribute('aria-busy', 'true')
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled()

    const created = makeHandoff({ assessment_status: 'pending', ai_assessment_data: null, target_user: { id: 'u-sam', name: 'Sam Patel' } })
    await act(async () => answer.resolve(jsonResponse(created, 201)))

    expect(await screen.findByText('Escalated to Sam Patel')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    // The session's cached detail knows about the handoff at once (banner, toolbar).
    expect(queryClient.getQueryData<SessionDetailResponse>(queryKeys.sessions.detail('s1'))?.handoff).toEqual(created)
  })

  it('sends to all seniors by default and leaves an empty note out', async () => {
    const { user, fetchMock } = renderEscalate(() => jsonResponse(makeHandoff(), 201))
    const dialog = await openDialog(user)
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }))

    expect(await screen.findByText('Escalated to all seniors')).toBeInTheDocument()
    expect(callsTo(fetchMock, 'POST', ESCALATE)[0]?.body).toEqual({})
  })

  it('retries with the same Idempotency-Key, so a lost answer cannot escalate twice', async () => {
    let attempts = 0
    const { user, fetchMock } = renderEscalate(() =>
      ++attempts === 1 ? errorResponse(503, 'INTERNAL', 'Service unavailable, try again.') : jsonResponse(makeHandoff(), 201),
    )
    const dialog = await openDialog(user)
    await user.type(within(dialog).getByRole('textbox', { name: /Note/ }), 'Stuck')
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Service unavailable, try again.')

    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }))
    expect(await screen.findByText('Escalated to all seniors')).toBeInTheDocument()
    const keys = callsTo(fetchMock, 'POST', ESCALATE).map((call) => new Headers(call.init.headers).get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toBe(keys[1])
  })

  it('says so inline when the session is already escalated (409 HANDOFF_ALREADY_OPEN)', async () => {
    const { user } = renderEscalate(() =>
      errorResponse(409, 'HANDOFF_ALREADY_OPEN', 'This session already has an open handoff.'),
    )
    const dialog = await openDialog(user)
    await user.click(within(dialog).getByRole('button', { name: 'Escalate' }))

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This session is already escalated and waiting for a senior.',
    )
    expect(screen.getByRole('dialog')).toBeInTheDocument()
  })

  it('Cancel closes without sending', async () => {
    const { user, fetchMock } = renderEscalate(() => jsonResponse(makeHandoff(), 201))
    const dialog = await openDialog(user)
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(callsTo(fetchMock, 'POST', ESCALATE)).toHaveLength(0)
  })
})

describe('EscalateButton', () => {
  it('is replaced by a disabled "Escalated" while a handoff is pending', () => {
    mockFetch({})
    renderWithProviders(<EscalateButton sessionId="s1" handoff={makeHandoff()} />)
    expect(screen.queryByRole('button', { name: 'Escalate' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Escalated' })).toHaveAttribute('aria-disabled', 'true')
  })
})
