/**
 * Roles without zod, so code that only checks a role (the web app's always-loaded shell)
 * does not pull the schemas into its bundle. `users.ts` builds `RoleSchema` from these.
 */
export const ROLES = ['engineer', 'senior', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Seniors and admins pick up escalations. */
export const isSenior = (role: Role) => role === 'senior' || role === 'admin'

/** Admins configure the organization's outgoing webhooks. */
export const canManageWebhooks = (role: Role) => role === 'admin'
