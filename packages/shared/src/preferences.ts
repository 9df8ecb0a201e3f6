import { z } from 'zod'

/** How a user wants to hear about escalations besides the in-app bell, which is always on. */
export const PreferencesSchema = z.object({ desktop: z.boolean(), push: z.boolean(), email: z.boolean() })
export type Preferences = z.infer<typeof PreferencesSchema>
export const PreferencesResponseSchema = z.object({ preferences: PreferencesSchema })
export type PreferencesResponse = z.infer<typeof PreferencesResponseSchema>
/** PATCH: any subset; at least one. */
export const UpdatePreferencesRequestSchema = PreferencesSchema.partial().refine((p) => Object.keys(p).length > 0, {
  message: 'name at least one of desktop, push, email',
})
