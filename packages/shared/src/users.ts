import { z } from 'zod'
import { ROLES } from './roles.ts'

export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

export const UserRefSchema = z.object({ id: z.string(), name: z.string() })
export type UserRef = z.infer<typeof UserRefSchema>

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  organization: z.object({ id: z.string(), name: z.string() }),
})
export type User = z.infer<typeof UserSchema>

export const UserResponseSchema = z.object({ user: UserSchema })
export type UserResponse = z.infer<typeof UserResponseSchema>

/** Seniors and admins of the user's organization: who an escalation can be sent to. */
export const SeniorsResponseSchema = z.object({
  users: z.array(UserRefSchema.extend({ role: RoleSchema })),
})
export type SeniorsResponse = z.infer<typeof SeniorsResponseSchema>
