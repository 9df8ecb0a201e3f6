import { ErrorResponseSchema, ValidationErrorResponseSchema } from '@resolutionflow/shared/errors.ts'

/** Response schemas for a route's error statuses (400 also lists the failing fields). */
export const errorResponses = <S extends number>(...statuses: S[]) =>
  Object.fromEntries(statuses.map((s) => [s, s === 400 ? ValidationErrorResponseSchema : ErrorResponseSchema])) as Record<
    S,
    typeof ErrorResponseSchema
  >
