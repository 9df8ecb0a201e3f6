import { z } from 'zod'
import { textSchema } from './text.ts'

/** Re-notify and widen thresholds of an unclaimed escalation, in seconds. */
export const EscalationPolicySchema = z
  .object({
    renotify_after_s: z.number().int().min(10).max(7 * 24 * 3600),
    widen_after_s: z.number().int().min(10).max(7 * 24 * 3600),
  })
  .strict()
export type EscalationPolicy = z.infer<typeof EscalationPolicySchema>
export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { renotify_after_s: 300, widen_after_s: 900 }

const DomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be an e-mail domain like example.com')

/** Single sign-on as the API shows it: the client secret is never sent back, only whether one is set. */
export const SsoSettingsSchema = z.object({
  issuer: z.string().nullable(),
  client_id: z.string().nullable(),
  client_secret_set: z.boolean(),
  jit_domains: z.array(z.string()),
  enabled: z.boolean(),
})

export const OrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  llm_model_label: z.string().nullable(),
  escalation_policy: EscalationPolicySchema,
  sso: SsoSettingsSchema,
})
export type Organization = z.infer<typeof OrganizationSchema>
export const OrganizationResponseSchema = z.object({ organization: OrganizationSchema })
export type OrganizationResponse = z.infer<typeof OrganizationResponseSchema>

const HttpsUrl = z
  .string()
  .trim()
  .max(500)
  .url('must be a URL')
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must start with https:// (or http:// for a local provider)')

export const UpdateOrganizationRequestSchema = z
  .object({
    name: textSchema(120).optional(),
    /** Empty or null: show the model's own id. */
    llm_model_label: textSchema(80, 0).nullable().optional(),
    escalation_policy: EscalationPolicySchema.optional(),
    sso: z
      .object({
        issuer: HttpsUrl.nullable().optional(),
        client_id: textSchema(300).nullable().optional(),
        /** Write-only: omit to keep the stored one, null to remove it. */
        client_secret: textSchema(1000).nullable().optional(),
        jit_domains: z.array(DomainSchema).max(20).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
export type UpdateOrganizationRequest = z.infer<typeof UpdateOrganizationRequestSchema>
