import { passwordProblem } from '@resolutionflow/shared/passwords.ts'
import { AppError } from '../../errors.ts'

/** 400 WEAK_PASSWORD naming the field and the reason (the rule lives in packages/shared). */
export function checkPasswordStrength(field: string, password: string, account: { email?: string; name?: string }) {
  const problem = passwordProblem(password, account)
  if (problem) throw new AppError(400, 'WEAK_PASSWORD', `${field}: ${problem}`, { issues: [{ path: `body.${field}`, message: problem }] })
}
