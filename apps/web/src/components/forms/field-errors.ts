import { isApiError } from '../../lib/api-client.ts'

// By hand, not ValidationErrorResponseSchema: forms load with the signed-in shell, which must
// not pull zod into its bundle (HANDOFF.md, "Bundle").
type Issue = { path: string; message: string }

const isIssue = (value: unknown): value is Issue =>
  typeof value === 'object' && value !== null && typeof (value as Issue).path === 'string' && typeof (value as Issue).message === 'string'

/** The fields a 400 VALIDATION_FAILED (or WEAK_PASSWORD) names: `{path, message}`, e.g. `body.email`. */
export function issuesOf(error: unknown): Issue[] {
  if (!isApiError(error)) return []
  const issues = (error.body as { issues?: unknown } | undefined)?.issues
  return Array.isArray(issues) ? issues.filter(isIssue) : []
}

/** What the API said about one field ("must be at least 10"): the field shows it after its label. */
export const fieldError = (error: unknown, path: string): string | undefined => issuesOf(error).find((i) => i.path === path)?.message
