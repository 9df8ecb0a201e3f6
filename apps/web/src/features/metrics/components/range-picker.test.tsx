import { screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { useMetricsRange } from '../hooks/use-metrics-range.ts'
import { getFigure } from '../testing/get-figure.ts'
import { makeEscalationMetrics } from '../testing/make-escalation-metrics.ts'
import { EscalationMetrics } from './escalation-metrics.tsx'
import { RangePicker } from './range-picker.tsx'

const PATH = '/api/metrics/escalations'
const NOW = '2026-03-16T15:00:00.000Z'
const DAY_MS = 24 * 60 * 60 * 1000

/** The picker and the figures wired as the metrics route wires them. */
function MetricsPage() {
  const [days, setDays] = useMetricsRange()
  return (
    <>
      <RangePicker value={days} onChange={setDays} />
      <EscalationMetrics days={days} />
    </>
  )
}

function renderPage(route = '/metrics') {
  const fetchMock = mockFetch({
    [`GET ${PATH}`]: ({ url }) =>
      // Tells the ranges apart on screen: 7 escalations for the week, 30 otherwise.
      jsonResponse(makeEscalationMetrics({ escalations: url.searchParams.get('from')?.startsWith('2026-03-10') ? 7 : 30 })),
  })
  const view = renderWithProviders(<MetricsPage />, { route, path: '/metrics' })
  const requestedRanges = () =>
    fetchMock.mock.calls
      .map(([input]) => new URL(String(input), 'http://localhost'))
      .filter((url) => url.pathname === PATH)
      .map((url) => ({ from: url.searchParams.get('from'), to: url.searchParams.get('to') }))
  return { ...view, fetchMock, requestedRanges }
}

const spanInDays = ({ from, to }: { from: string | null; to: string | null }) =>
  (new Date(to!).getTime() - new Date(from!).getTime()) / DAY_MS

beforeEach(() => {
  // Only the clock: react-query and Testing Library keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(NOW))
})
afterEach(() => {
  vi.useRealTimers()
})

describe('RangePicker with the metrics', () => {
  it('asks for the last 30 days by default, starting at a UTC midnight so every bar is a whole day', async () => {
    const { requestedRanges } = renderPage()
    await screen.findByText('Median time to claim')

    expect(screen.getByRole('radio', { name: 'Last 30 days' })).toBeChecked()
    expect(requestedRanges()).toEqual([{ from: '2026-02-15T00:00:00.000Z', to: NOW }])
    // 29 whole days before today, plus today up to now (15:00).
    expect(spanInDays(requestedRanges()[0]!)).toBe(29 + 15 / 24)
  })

  it('asks for the last 7 days when that range is picked, and keeps it in the URL', async () => {
    const { requestedRanges, user, router } = renderPage()
    await screen.findByText('Median time to claim')

    await user.click(screen.getByRole('radio', { name: 'Last 7 days' }))

    expect(screen.getByRole('radio', { name: 'Last 7 days' })).toBeChecked()
    await waitFor(() => expect(getFigure('Escalations')).toHaveTextContent('7'))
    expect(requestedRanges().at(-1)).toEqual({ from: '2026-03-10T00:00:00.000Z', to: NOW })
    expect(spanInDays(requestedRanges().at(-1)!)).toBe(6 + 15 / 24)
    expect(router.state.location.search).toBe('?days=7')
  })

  it('opens on the range in the URL', async () => {
    const { requestedRanges } = renderPage('/metrics?days=90')
    await screen.findByText('Median time to claim')

    expect(screen.getByRole('radio', { name: 'Last 90 days' })).toBeChecked()
    expect(requestedRanges()).toEqual([{ from: '2025-12-17T00:00:00.000Z', to: NOW }])
  })

  it('falls back to 30 days for a range it does not offer', async () => {
    const { requestedRanges } = renderPage('/metrics?days=3')
    await screen.findByText('Median time to claim')

    expect(screen.getByRole('radio', { name: 'Last 30 days' })).toBeChecked()
    expect(spanInDays(requestedRanges()[0]!)).toBe(29 + 15 / 24)
  })
})
