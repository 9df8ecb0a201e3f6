import type { EscalationMetrics as Metrics } from '@resolutionflow/shared/metrics.ts'
import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { queryKeys } from '../../../lib/query-keys.ts'
import { callsTo, deferred, errorResponse, jsonResponse, mockFetch } from '../../../testing/fake-api.ts'
import { renderWithProviders } from '../../../testing/render.tsx'
import { getFigure } from '../testing/get-figure.ts'
import { emptyWeek, makeEscalationMetrics } from '../testing/make-escalation-metrics.ts'
import { formatDay } from '../utils/format-figures.ts'
import { EscalationMetrics } from './escalation-metrics.tsx'

const PATH = '/api/metrics/escalations'

function renderMetrics(respond: () => Response | Promise<Response>) {
  const fetchMock = mockFetch({ [`GET ${PATH}`]: respond })
  return { ...renderWithProviders(<EscalationMetrics days={7} />), fetchMock }
}

const serve = (metrics: Metrics) => () => jsonResponse(metrics)


const cellsOf = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)

describe('EscalationMetrics', () => {
  it('shows a skeleton while the figures load', async () => {
    const response = deferred<Response>()
    renderMetrics(() => response.promise)
    expect(screen.getByRole('status')).toHaveTextContent('Loading team metrics')

    response.resolve(jsonResponse(makeEscalationMetrics()))
    expect(await screen.findByText('Median time to claim')).toBeInTheDocument()
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('shows what happened after the claim: resolution, cancels, declines by reason, usefulness, root causes', async () => {
    renderMetrics(serve(makeEscalationMetrics()))
    await screen.findByText('Median time to resolve')

    expect(getFigure('Resolved')).toHaveTextContent('8')
    expect(getFigure('Resolved').nextElementSibling).toHaveTextContent('67% of escalated sessions')
    expect(getFigure('Median time to resolve')).toHaveTextContent('1 h 30 min')
    expect(getFigure('Cancelled')).toHaveTextContent('1')
    expect(getFigure('Declines')).toHaveTextContent('3')
    expect(getFigure('Assessment useful')).toHaveTextContent('67%')
    expect(getFigure('Assessment useful').nextElementSibling).toHaveTextContent('of 6 rated')
    const declines = screen.getByRole('table', { name: 'Why seniors declined' })
    expect(within(declines).getAllByRole('row').slice(1).map(cellsOf)).toEqual([
      ['Not my area', '2', '67%'],
      ['Busy', '1', '33%'],
      ['Other', '0', '0%'],
    ])
    const causes = screen.getByRole('table', { name: 'Escalations per root cause' })
    expect(within(causes).getAllByRole('row').slice(1).map(cellsOf)).toEqual([
      ['Configuration', '5', '63%'],
      ['Network', '2', '25%'],
      ['Not given', '1', '13%'],
    ])
  })

  it('shows the headline figures, with durations in words and a dash where there is no data', async () => {
    renderMetrics(serve(makeEscalationMetrics()))
    await screen.findByText('Median time to claim')

    expect(getFigure('Escalations')).toHaveTextContent('12')
    expect(getFigure('Claimed')).toHaveTextContent('9')
    expect(getFigure('Claimed').nextElementSibling).toHaveTextContent('75% of escalations')
    expect(getFigure('Median time to claim')).toHaveTextContent('45 s')
    expect(getFigure('p90 time to claim')).toHaveTextContent('1 h 5 min')
    expect(getFigure('Median time to assessment')).toHaveTextContent('3 min')
    expect(getFigure('p90 time to assessment')).toHaveTextContent('—')
    expect(getFigure('p90 time to assessment')).toHaveTextContent('no data')
    expect(getFigure('Assessment failures')).toHaveTextContent('2')
    expect(screen.getByText(`${formatDay('2026-03-10')} – ${formatDay('2026-03-16')}`)).toBeInTheDocument()
  })

  it('describes the escalations chart and repeats its numbers in a table', async () => {
    renderMetrics(serve(makeEscalationMetrics()))

    const chart = await screen.findByRole('img', { name: 'Escalations per day' })
    expect(chart).toHaveAccessibleDescription(
      `12 escalations over 7 days: 9 claimed, 3 not claimed. Busiest day: ${formatDay('2026-03-13')}, with 5.`,
    )
    const table = screen.getByRole('table', { name: 'Escalations per day' })
    const [header, ...days] = within(table).getAllByRole('row')
    expect(cellsOf(header!)).toEqual(['Day', 'Escalations', 'Claimed', 'Not claimed'])
    expect(days.map(cellsOf)).toEqual([
      [formatDay('2026-03-10'), '1', '1', '0'],
      [formatDay('2026-03-11'), '3', '2', '1'],
      [formatDay('2026-03-12'), '0', '0', '0'],
      [formatDay('2026-03-13'), '5', '4', '1'],
      [formatDay('2026-03-14'), '2', '1', '1'],
      [formatDay('2026-03-15'), '0', '0', '0'],
      [formatDay('2026-03-16'), '1', '1', '0'],
    ])
  })

  it('describes which option seniors chose and repeats the numbers in a table', async () => {
    renderMetrics(serve(makeEscalationMetrics()))

    const chart = await screen.findByRole('img', { name: 'Which option seniors chose' })
    expect(chart).toHaveAccessibleDescription('Of 9 claims: Continue 5 (56%), AI analysis 3 (33%), Own 1 (11%).')
    const table = screen.getByRole('table', { name: 'Which option seniors chose' })
    expect(within(table).getAllByRole('row').map(cellsOf)).toEqual([
      ['Option', 'Claims', 'Share'],
      ['Continue', '5', '56%'],
      ['AI analysis', '3', '33%'],
      ['Own', '1', '11%'],
    ])
  })

  it('counts each bar chart in words that agree with the number', async () => {
    renderMetrics(serve(makeEscalationMetrics()))
    await screen.findByText('Median time to resolve')

    const subtitleOf = (title: string) => screen.getByRole('region', { name: title }).querySelector('.metrics-card__subtitle')
    expect(subtitleOf('What the assessment got wrong')).toHaveTextContent(/^3 problems reported$/)
    expect(screen.getByRole('img', { name: 'What the assessment got wrong' })).toHaveAccessibleDescription(
      'Of 3 problems reported: Wrong cause 1 (33%), Missing facts 2 (67%), Steps already tried 0 (0%).',
    )
    expect(subtitleOf('Escalations per root cause')).toHaveTextContent(/^8 resolved sessions$/)
    expect(subtitleOf('Why seniors declined')).toHaveTextContent(/^3 declines$/)
    expect(subtitleOf('Which option seniors chose')).toHaveTextContent(/^When claiming · 9 claims$/)
  })

  it('says so instead of drawing empty bars when nothing was claimed', async () => {
    renderMetrics(
      serve(
        makeEscalationMetrics({
          escalations: 2,
          claimed: 0,
          by_day: [{ date: '2026-03-16', escalations: 2, claimed: 0 }],
          time_to_claim_seconds: { median: null, p90: null },
          claim_options: { continue: 0, ai_analysis: 0, own: 0 },
        }),
      ),
    )

    expect(await screen.findByText('No escalation was claimed in this period.')).toBeInTheDocument()
    expect(screen.queryByRole('img', { name: 'Which option seniors chose' })).not.toBeInTheDocument()
    expect(getFigure('Median time to claim')).toHaveTextContent('—')
    expect(screen.getByRole('img', { name: 'Escalations per day' })).toBeInTheDocument()
  })

  it('shows the empty state when the period has no escalations', async () => {
    renderMetrics(serve(emptyWeek()))

    expect(await screen.findByRole('heading', { name: 'No escalations in this period' })).toBeInTheDocument()
    expect(screen.queryByRole('img')).not.toBeInTheDocument()
    expect(screen.queryAllByRole('term')).toHaveLength(0)
  })

  it('shows the error with a Retry that loads the figures', async () => {
    let fail = true
    const { fetchMock, user } = renderMetrics(() =>
      fail ? errorResponse(500, 'INTERNAL_ERROR', 'Something went wrong on our side.') : jsonResponse(makeEscalationMetrics()),
    )

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent("Couldn't load the team metrics")
    expect(alert).toHaveTextContent('Something went wrong on our side.')

    fail = false
    await user.click(within(alert).getByRole('button', { name: 'Retry' }))

    expect(await screen.findByText('Median time to claim')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(callsTo(fetchMock, 'GET', PATH)).toHaveLength(2)
  })

  it('tells a non-admin the page is for admins when the API answers 403, without offering a retry', async () => {
    renderMetrics(() => errorResponse(403, 'FORBIDDEN', 'Team metrics are for admins'))

    expect(await screen.findByRole('heading', { name: 'Team metrics are for admins' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Go to sessions' })).toHaveAttribute('href', '/')
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument()
  })

  it('refreshes when a live handoff event invalidates the metrics', async () => {
    let current = makeEscalationMetrics()
    const { queryClient } = renderMetrics(() => jsonResponse(current))
    await screen.findByText('Median time to claim')
    expect(getFigure('Escalations')).toHaveTextContent('12')

    current = makeEscalationMetrics({ escalations: 13 })
    // What lib/sse.ts does on handoff_created / handoff_claimed / handoff_assessment_ready.
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.metrics.all }))

    await waitFor(() => expect(getFigure('Escalations')).toHaveTextContent('13'))
  })
})
