import type { User as WireUser } from '@resolutionflow/shared/users.ts'
import type { Role } from '../../generated/prisma/enums.ts'

/** The signed-in user as every operation sees it: scoping starts from `organizationId`. */
export interface AuthUser {
  id: string
  email: string
  name: string
  role: Role
  organizationId: string
  organizationName: string
}

export const authUserInclude = { organization: { select: { id: true, name: true } } } as const

export function toAuthUser(u: {
  id: string
  email: string
  name: string
  role: Role
  organization: { id: string; name: string }
}): AuthUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, organizationId: u.organization.id, organizationName: u.organization.name }
}

export function toWireUser(u: AuthUser): WireUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, organization: { id: u.organizationId, name: u.organizationName } }
}
