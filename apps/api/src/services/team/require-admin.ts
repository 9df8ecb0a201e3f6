import { canManageTeam } from '@resolutionflow/shared/roles.ts'
import { forbidden } from '../../errors.ts'
import type { AuthUser } from '../auth/auth-user.ts'

export function requireAdmin(user: AuthUser) {
  if (!canManageTeam(user.role)) throw forbidden('Only admins manage the team and its settings')
}
