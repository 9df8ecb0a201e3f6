import { HealthResponseSchema } from '@resolutionflow/shared/health.ts'
import { AssistantInfoSchema } from '@resolutionflow/shared/meta.ts'
import { errorResponses } from './error-responses.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../errors.ts'
import { assistantLabel } from '../services/organization/assistant-label.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/healthz',
    { config: { public: true }, schema: { tags: ['meta'], response: { 200: HealthResponseSchema, ...errorResponses(503) } } },
    async (request) => {
      try {
        await fastify.db.sql.query('SELECT 1')
      } catch (err) {
        request.log.error({ err }, 'health check: database unreachable')
        throw new AppError(503, 'DATABASE_UNREACHABLE', 'The database does not answer')
      }
      return {
        status: 'ok' as const,
        database: 'ok' as const,
        driver: fastify.db.driver,
        bus: fastify.bus.kind,
        assistant: fastify.assistant.kind,
      }
    },
  )

  fastify.get(
    '/api/assistant',
    { schema: { tags: ['meta'], response: { 200: AssistantInfoSchema } } },
    async (request) => ({
      kind: fastify.assistant.kind,
      label: await assistantLabel({ prisma: fastify.db.prisma, assistant: fastify.assistant }, { user: request.user }),
    }),
  )
}

export default routes
