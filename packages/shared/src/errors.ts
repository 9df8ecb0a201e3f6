import { z } from 'zod'

/** Every 4xx and 5xx answer of the API has this shape. */
export const ErrorResponseSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string(),
})
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>

export const ValidationErrorResponseSchema = ErrorResponseSchema.extend({
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})

export const ErrorCodes = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  RATE_LIMITED: 'RATE_LIMITED',
  HANDOFF_ALREADY_OPEN: 'HANDOFF_ALREADY_OPEN',
  HANDOFF_ALREADY_CLAIMED: 'HANDOFF_ALREADY_CLAIMED',
  HANDOFF_NOT_OPEN: 'HANDOFF_NOT_OPEN',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  NOTHING_TO_ANSWER: 'NOTHING_TO_ANSWER',
  ALREADY_ANSWERED: 'ALREADY_ANSWERED',
  REPLY_IN_PROGRESS: 'REPLY_IN_PROGRESS',
  LLM_UNAVAILABLE: 'LLM_UNAVAILABLE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  DATABASE_UNREACHABLE: 'DATABASE_UNREACHABLE',
  URL_NOT_ALLOWED: 'URL_NOT_ALLOWED',
  INTERNAL: 'INTERNAL',
} as const
export type ErrorCode = keyof typeof ErrorCodes
