import { z } from 'zod'
import { PASSWORD_MAX_LENGTH } from './passwords.ts'
import { IdSchema, textSchema } from './text.ts'
import { RoleSchema, UserRefSchema } from './users.ts'

const EmailSchema = z.string().trim().toLowerCase().email().max(320)
/** Strength is checked by the operation (400 WEAK_PASSWORD with the reason), not here. */
const PasswordInputSchema = z.string().min(1).max(PASSWORD_MAX_LENGTH)
const PersonNameSchema = textSchema(120)

// First run
export const SetupStatusSchema = z.object({
  needed: z.boolean(),
  /** Whether the demo accounts exist here, so the login page offers them only where they work. */
  demo_accounts: z.boolean(),
})
export const SetupRequestSchema = z.object({
  organization_name: textSchema(120),
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordInputSchema,
})
export type SetupRequest = z.infer<typeof SetupRequestSchema>

// Invitations
export const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  expires_at: z.string(),
  created_at: z.string(),
  invited_by: UserRefSchema.nullable(),
  /** The link to give the invitee: only in the answer that created it (the token is not stored). */
  url: z.string().optional(),
  /** Whether the link was e-mailed (SMTP configured) or must be copied by the admin. */
  emailed: z.boolean().optional(),
})
export type Invitation = z.infer<typeof InvitationSchema>
export const CreateInvitationRequestSchema = z.object({ email: EmailSchema, role: RoleSchema })
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequestSchema>
export const InvitationResponseSchema = z.object({ invitation: InvitationSchema })
export const InvitationsResponseSchema = z.object({ invitations: z.array(InvitationSchema) })
export const InvitationIdParamsSchema = z.object({ id: IdSchema })
export const TokenParamsSchema = z.object({ token: z.string().min(10).max(200).regex(/^[A-Za-z0-9_-]+$/, 'is not a valid link') })
/** What the accept page shows before the invitee signs up. */
export const InvitationPreviewSchema = z.object({
  email: z.string(),
  role: RoleSchema,
  organization: z.object({ name: z.string() }),
  expires_at: z.string(),
})
export const AcceptInvitationRequestSchema = z.object({ name: PersonNameSchema, password: PasswordInputSchema })
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequestSchema>

// Members
export const MemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  created_at: z.string(),
  last_active_at: z.string().nullable(),
})
export type Member = z.infer<typeof MemberSchema>
export const MembersResponseSchema = z.object({ members: z.array(MemberSchema) })
export const MemberResponseSchema = z.object({ member: MemberSchema })
export const MemberParamsSchema = z.object({ id: IdSchema })
export const UpdateMemberRequestSchema = z
  .object({ role: RoleSchema.optional(), active: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.active !== undefined, { message: 'give role or active', path: ['role'] })
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequestSchema>

// Passwords
export const ChangePasswordRequestSchema = z.object({ current_password: PasswordInputSchema, new_password: PasswordInputSchema })
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>
export const PasswordResetLinkSchema = z.object({ reset: z.object({ url: z.string(), expires_at: z.string() }) })
export const PasswordResetPreviewSchema = z.object({ email: z.string(), name: z.string(), expires_at: z.string() })
export const CompletePasswordResetRequestSchema = z.object({ new_password: PasswordInputSchema })

// Audit log
export const AuditActions = [
  'organization.created',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'member.joined_with_sso',
  'password.changed',
  'password.reset_issued',
  'password.reset_used',
  'organization.updated',
  'sso.updated',
] as const
export const AuditEntrySchema = z.object({
  id: z.string(),
  action: z.enum(AuditActions),
  actor: UserRefSchema.nullable(),
  target: UserRefSchema.nullable(),
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>
export const AuditQuerySchema = z.object({
  cursor: z.string().regex(/^\d{1,19}$/, 'is not a valid cursor').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export const AuditResponseSchema = z.object({ entries: z.array(AuditEntrySchema), next_cursor: z.string().nullable() })
export type AuditResponse = z.infer<typeof AuditResponseSchema>
