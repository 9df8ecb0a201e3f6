import { describe, expect, it } from 'vitest'
import { formatDuration } from './format-duration.ts'

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [45.4, '45 s'],
    [59.6, '1 min'],
    [90, '2 min'],
    [180, '3 min'],
    [3599, '1 h'],
    [3900, '1 h 5 min'],
    [7200, '2 h'],
    [93_780, '26 h 3 min'],
  ])('%s s reads "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })

  it('shows a dash when there is nothing to measure', () => {
    expect(formatDuration(null)).toBe('—')
  })
})
