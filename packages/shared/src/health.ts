import { z } from 'zod'

/** `GET /healthz` when the database answers; otherwise 503 `{code: "DATABASE_UNREACHABLE", message}`. */
export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.literal('ok'),
  driver: z.enum(['pglite', 'postgres']),
  bus: z.enum(['memory', 'redis']),
  assistant: z.enum(['offline', 'openai']),
})
export type HealthResponse = z.infer<typeof HealthResponseSchema>
