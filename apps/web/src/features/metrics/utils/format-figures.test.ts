import { describe, expect, it } from 'vitest'
import { pluralize } from './format-figures.ts'

describe('pluralize', () => {
  it('adds an s to a plain noun, except for one', () => {
    expect(pluralize(1, 'decline')).toBe('1 decline')
    expect(pluralize(0, 'decline')).toBe('0 declines')
    expect(pluralize(12, 'resolved session')).toBe('12 resolved sessions')
  })

  it('uses the plural it is given when the s does not go on the end', () => {
    const problem = { one: 'problem reported', other: 'problems reported' }
    expect(pluralize(1, problem)).toBe('1 problem reported')
    expect(pluralize(8, problem)).toBe('8 problems reported')
  })
})
