import { z } from 'zod'
import type { $ZodRawIssue } from 'zod/v4/core'

type Issue = $ZodRawIssue

const TYPES: Record<string, string> = { int: 'must be a whole number', record: 'must be an object' }
const FORMATS: Record<string, string> = { email: 'must be a valid e-mail address', url: 'must be a valid URL', uuid: 'must be an id' }

/**
 * The words a VALIDATION_FAILED answer uses for each field ("must be at least 10"), instead
 * of zod's ("Too small: expected number to be >=10"): people read these next to the field
 * they typed into. Messages a schema sets itself still win; anything not listed keeps zod's.
 */
export function validationMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'too_small': {
      const n = Number(issue.minimum)
      if (issue.origin === 'string') return n <= 1 ? 'is required' : `must be at least ${n} characters`
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${n} ${n === 1 ? 'item' : 'items'}`
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `must be at least ${n}` : `must be more than ${n}`
      return undefined
    }
    case 'too_big': {
      const n = Number(issue.maximum)
      if (issue.origin === 'string') return `must be at most ${n} characters`
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${n} ${n === 1 ? 'item' : 'items'}`
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return issue.inclusive ? `must be at most ${n}` : `must be less than ${n}`
      return undefined
    }
    case 'invalid_format':
      return FORMATS[issue.format]
    case 'invalid_type':
      if (issue.input === undefined) return 'is required'
      return TYPES[issue.expected] ?? `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v: unknown) => JSON.stringify(v)).join(', ')}`
    default:
      return undefined
  }
}

/** Installs the messages for every zod schema of this process (the shared wire schemas included). */
export const installValidationMessages = () => z.config({ customError: validationMessage })
