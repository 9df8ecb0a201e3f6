import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Organization } from '@resolutionflow/shared/organization.ts'
import { jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { GeneralSettingsForm } from './general-settings-form.tsx'

const organization: Organization = {
  id: 'o1',
  name: 'Acme MSP',
  slug: 'acme',
  llm_model_label: null,
  escalation_policy: { renotify_after_s: 300, widen_after_s: 900 },
  sso: { issuer: null, client_id: null, client_secret_set: false, jit_domains: [], enabled: false },
}

describe('GeneralSettingsForm', () => {
  it("shows each refused field's reason under it, and points there instead of repeating the raw message", async () => {
    mockFetch({
      'PATCH /api/organization': () =>
        jsonResponse(
          {
            code: 'VALIDATION_FAILED',
            message: 'Invalid request: body.name is required; body.escalation_policy.renotify_after_s must be at least 10',
            issues: [
              { path: 'body.name', message: 'is required' },
              { path: 'body.escalation_policy.renotify_after_s', message: 'must be at least 10' },
            ],
          },
          400,
        ),
    })
    const { user } = renderWithProviders(<GeneralSettingsForm organization={organization} />)
    await user.clear(screen.getByLabelText('Name'))
    await user.clear(screen.getByLabelText('Re-notify seniors after (seconds)'))
    await user.type(screen.getByLabelText('Re-notify seniors after (seconds)'), '5')
    await user.click(screen.getByRole('button', { name: 'Save settings' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Check the fields marked above.')
    expect(screen.queryByText(/Invalid request/)).not.toBeInTheDocument()
    const renotify = screen.getByLabelText('Re-notify seniors after (seconds)')
    expect(renotify).toHaveAttribute('aria-invalid', 'true')
    expect(renotify).toHaveAccessibleDescription('At least 10. Default 300. Re-notify seniors after (seconds) must be at least 10')
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Name is required')
    expect(screen.getByLabelText('Widen to all seniors after (seconds)')).not.toHaveAttribute('aria-invalid')
  })
})
