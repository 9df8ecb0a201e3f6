import type { Invitation, Member } from '@resolutionflow/shared/team.ts'

export const memberSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  createdAt: true,
  lastActiveAt: true,
} as const

export function toWireMember(u: {
  id: string
  name: string
  email: string
  role: Member['role']
  active: boolean
  createdAt: Date
  lastActiveAt: Date | null
}): Member {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    active: u.active,
    created_at: u.createdAt.toISOString(),
    last_active_at: u.lastActiveAt?.toISOString() ?? null,
  }
}

export const invitationInclude = { invitedBy: { select: { id: true, name: true } } } as const

export function toWireInvitation(i: {
  id: string
  email: string
  role: Invitation['role']
  expiresAt: Date
  createdAt: Date
  invitedBy: { id: string; name: string } | null
}): Invitation {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    expires_at: i.expiresAt.toISOString(),
    created_at: i.createdAt.toISOString(),
    invited_by: i.invitedBy,
  }
}
