import { z } from 'zod'

/** Which assistant answers: the UI labels the offline one as such. */
export const AssistantInfoSchema = z.object({
  kind: z.enum(['offline', 'openai']),
  label: z.string(),
})
export type AssistantInfo = z.infer<typeof AssistantInfoSchema>
