import type { ErrorCode } from '@resolutionflow/shared/errors.ts'

/**
 * The one error type the domain throws. The error handler in app.ts turns it into
 * `{ code, message, ...extra }` with `status`; anything else becomes a logged 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'AppError'
  }
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`)
export const forbidden = (message: string) => new AppError(403, 'FORBIDDEN', message)
