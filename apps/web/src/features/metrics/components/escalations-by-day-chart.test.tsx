import { render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { makeEscalationMetrics } from '../testing/make-escalation-metrics.ts'
import { formatDay } from '../utils/format-figures.ts'
import { EscalationsByDayChart } from './escalations-by-day-chart.tsx'

/** jsdom does no layout: give the chart's frame the width a phone's card has. */
function frameIsWide(pixels: number) {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('metrics-chart') ? pixels : 0
  })
}

/** Thirty days, the default period, ending on Mar 30. */
const month = Array.from({ length: 30 }, (_, i) => ({ date: `2026-03-${String(i + 1).padStart(2, '0')}`, escalations: i % 4, claimed: i % 2 }))

const frame = () => screen.getByRole('group', { name: 'Escalations per day' })
const chart = () => screen.getByRole('img', { name: 'Escalations per day' })

describe('EscalationsByDayChart', () => {
  afterEach(() => vi.restoreAllMocks())

  it('is drawn at the width of a phone, in pixels, so nothing is cut off and the text keeps its size', () => {
    frameIsWide(324)
    render(<EscalationsByDayChart byDay={month} />)

    expect(chart()).toHaveAttribute('width', '324')
    expect(chart()).toHaveAttribute('viewBox', '0 0 324 220')
    // It fits: no sideways scrolling, so no extra tab stop.
    expect(frame()).not.toHaveAttribute('tabindex')
    // Fewer day labels on a narrow chart; today's is always one of them.
    const labels = [...chart().querySelectorAll('text')].map((text) => text.textContent).filter((text) => /[A-Za-z]/.test(text ?? ''))
    expect(labels.length).toBeLessThanOrEqual(Math.floor((324 - 56) / 56))
    expect(labels.at(-1)).toBe(formatDay('2026-03-30'))
  })

  it('scrolls, as a tab stop, only where even its smallest drawing does not fit', () => {
    frameIsWide(240)
    render(<EscalationsByDayChart byDay={makeEscalationMetrics().by_day} />)

    expect(chart()).toHaveAttribute('width', '280')
    expect(frame()).toHaveAttribute('tabindex', '0')
    expect(frame()).toHaveClass('is-scrolling')
  })
})
