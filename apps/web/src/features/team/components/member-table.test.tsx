import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Member } from '@resolutionflow/shared/team.ts'
import { callsTo, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { MemberTable } from './member-table.tsx'

const member = (over: Partial<Member>): Member => ({
  id: 'u1',
  name: 'Morgan Lee',
  email: 'morgan@acme.example',
  role: 'admin',
  active: true,
  created_at: '2026-11-01T10:00:00.000Z',
  last_active_at: null,
  ...over,
})
const viewer = { id: 'u1', name: 'Morgan Lee', email: 'morgan@acme.example', role: 'admin' as const, organization: { id: 'o1', name: 'Acme MSP' } }

describe('MemberTable', () => {
  it('does not offer what would remove the last active admin, and deactivates anyone else', async () => {
    let members = [member({}), member({ id: 'u2', name: 'Jamie Rivera', email: 'jamie@acme.example', role: 'engineer' })]
    const fetchMock = mockFetch({
      'GET /api/members': () => jsonResponse({ members }),
      'PATCH /api/members/u2': () => {
        members = [members[0]!, { ...members[1]!, active: false }]
        return jsonResponse({ member: members[1] })
      },
    })
    const { user } = renderWithProviders(<MemberTable viewer={viewer} />)

    const morgan = await screen.findByRole('row', { name: /Morgan Lee/ })
    expect(within(morgan).getByRole('button', { name: 'Deactivate Morgan Lee' })).toBeDisabled()
    expect(within(morgan).getByRole('option', { name: 'Engineer' })).toBeDisabled()
    expect(within(morgan).getByText('never')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Deactivate Jamie Rivera' }))
    expect(await screen.findByRole('button', { name: 'Reactivate Jamie Rivera' })).toBeInTheDocument()
    expect(callsTo(fetchMock, 'PATCH', '/api/members/u2')[0]!.body).toEqual({ active: false })
  })

  it("shows the server's refusal (a second admin demoted elsewhere in the meantime)", async () => {
    const members = [member({}), member({ id: 'u3', name: 'Sam Patel', email: 'sam@acme.example' })]
    mockFetch({
      'GET /api/members': () => jsonResponse({ members }),
      'PATCH /api/members/u3': () => errorResponse(409, 'LAST_ADMIN', 'Sam Patel is the last active admin; make someone else admin first'),
    })
    const { user } = renderWithProviders(<MemberTable viewer={viewer} />)
    await user.selectOptions(await screen.findByLabelText('Role of Sam Patel'), 'senior')
    expect(await screen.findByRole('alert')).toHaveTextContent('Sam Patel is the last active admin')
  })

  it('issues a reset link and shows it to copy', async () => {
    mockFetch({
      'GET /api/members': () => jsonResponse({ members: [member({}), member({ id: 'u2', name: 'Jamie Rivera', role: 'engineer' })] }),
      'POST /api/members/u2/password-reset': () =>
        jsonResponse({ reset: { url: 'http://localhost/reset-password/abc', expires_at: '2026-12-03T00:00:00.000Z' } }, 201),
    })
    const { user } = renderWithProviders(<MemberTable viewer={viewer} />)
    const row = await screen.findByRole('row', { name: /Jamie Rivera/ })
    await user.click(within(row).getByRole('button', { name: 'Reset link' }))
    expect(await screen.findByLabelText('Reset link for Jamie Rivera')).toHaveValue('http://localhost/reset-password/abc')
  })
})
