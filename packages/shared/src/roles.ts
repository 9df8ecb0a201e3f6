/**
 * Roles without zod, so code that only checks a role (the web app's always-loaded shell)
 * does not pull the schemas into its bundle. `users.ts` builds `RoleSchema` from these.
 */
export const ROLES = ['engineer', 'senior', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Seniors and admins pick up escalations. */
export const isSenior = (role: Role) => role === 'senior' || role === 'admin'

/** Admins manage the team (invite, roles, deactivation), the settings, SSO and the audit log. */
export const canManageTeam = (role: Role) => role === 'admin'

type Standing = { role: Role; active: boolean }

/**
 * The organization always keeps one active admin: true when changing `before` into `after`
 * would remove the last one. The server checks it under a lock; the People page uses it to
 * disable the controls it would refuse.
 */
export const removesLastAdmin = (before: Standing, after: Standing, otherActiveAdmins: number) =>
  before.role === 'admin' && before.active && (after.role !== 'admin' || !after.active) && otherActiveAdmins === 0
