import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { callsTo, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import type { Webhook } from '../api/types.ts'
import { WebhooksAdmin } from './webhooks-admin.tsx'

function fakeWebhooksApi() {
  let webhooks: Webhook[] = []
  const deliveries = [
    {
      id: 'd1',
      event: 'test',
      status: 'failed',
      attempts: 3,
      last_status_code: 500,
      last_error: 'HTTP 500',
      next_attempt_at: null,
      delivered_at: null,
      created_at: '2026-12-02T10:00:00.000Z',
    },
  ]
  const fetchMock = mockFetch({
    'GET /api/webhooks': () => jsonResponse({ webhooks }),
    'POST /api/webhooks': (req) => {
      const body = req.json() as Pick<Webhook, 'url' | 'kind' | 'events'>
      if (!body.url.startsWith('https://')) return errorResponse(400, 'VALIDATION_FAILED', 'url: must be a public http(s) URL')
      const webhook = { id: 'w1', created_at: '2026-12-02T09:00:00.000Z', ...body }
      webhooks = [webhook]
      return jsonResponse({ webhook: { ...webhook, secret: 'whsec_only_once' } }, 201)
    },
    'POST /api/webhooks/w1/test': () => jsonResponse({ delivery: deliveries[0] }, 202),
    'GET /api/webhooks/w1/deliveries': () => jsonResponse({ deliveries }),
    'DELETE /api/webhooks/w1': () => {
      webhooks = []
      return new Response(null, { status: 204 })
    },
  })
  return fetchMock
}

describe('WebhooksAdmin', () => {
  it('adds a webhook, shows its secret once, sends a test, shows the log and deletes it', async () => {
    const fetchMock = fakeWebhooksApi()
    const { user } = renderWithProviders(<WebhooksAdmin />)
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument()

    await user.type(screen.getByLabelText('URL'), 'https://acme.webhook.office.com/hook')
    await user.selectOptions(screen.getByLabelText('Format'), 'teams')
    await user.click(screen.getByRole('checkbox', { name: 'Escalation picked up' }))
    await user.click(screen.getByRole('button', { name: 'Add webhook' }))

    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent('whsec_only_once')
    expect(callsTo(fetchMock, 'POST', '/api/webhooks').map((c) => c.body)).toEqual([
      { url: 'https://acme.webhook.office.com/hook', kind: 'teams', events: ['handoff_created', 'handoff_unclaimed_widened'] },
    ])
    const item = await screen.findByRole('listitem', { name: 'https://acme.webhook.office.com/hook' })
    expect(item).toHaveTextContent('Microsoft Teams · New escalation, Unclaimed, sent to everyone')
    await user.click(screen.getByRole('button', { name: 'Done' }))
    expect(screen.queryByTestId('webhook-secret')).not.toBeInTheDocument()

    await user.click(within(item).getByRole('button', { name: 'Send test' }))
    const log = await within(item).findByRole('table')
    expect(log).toHaveTextContent('Test')
    expect(log).toHaveTextContent('failed · HTTP 500')
    expect(callsTo(fetchMock, 'POST', '/api/webhooks/w1/test')).toHaveLength(1)

    await user.click(within(item).getByRole('button', { name: 'Delete' }))
    await user.click(within(item).getByRole('button', { name: 'Delete for good' }))
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument()
    expect(callsTo(fetchMock, 'DELETE', '/api/webhooks/w1')).toHaveLength(1)
    // The whole admin flow in one test: typing and clicking take a while on a busy machine.
  }, 30_000)

  it("shows the server's refusal of a URL and keeps the form", async () => {
    fakeWebhooksApi()
    const { user } = renderWithProviders(<WebhooksAdmin />)
    await screen.findByText('No webhooks yet.')
    await user.type(screen.getByLabelText('URL'), 'http://10.0.0.1/hook')
    await user.click(screen.getByRole('button', { name: 'Add webhook' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('must be a public http(s) URL')
    await waitFor(() => expect(screen.getByLabelText('URL')).toHaveValue('http://10.0.0.1/hook'))
  }, 15_000)
})
