import { describe, expect, it } from 'vitest'
import { niceTicks } from './nice-ticks.ts'

describe('niceTicks', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [5, [0, 2, 4, 6]],
    [12, [0, 5, 10, 15]],
    [48, [0, 20, 40, 60]],
  ])('covers %s with whole, round steps', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks)
  })
})
