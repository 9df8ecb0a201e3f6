import { setTimeout } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import { HealthResponseSchema } from '@resolutionflow/shared/health.ts'
import { AssistantInfoSchema } from '@resolutionflow/shared/meta.ts'
import { errorResponses } from './error-responses.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../errors.ts'
import type { SqlRunner } from '../db/database.ts'
import { assistantLabel } from '../services/organization/assistant-label.ts'

/**
 * After a restart or failover the pool may still hold connections the server has just dropped
 * (the notice reaches each one a moment later): a query on one fails once and the pool
 * replaces it. Only a database that fails every try is down.
 */
async function databaseAnswers(sql: SqlRunner, log: FastifyBaseLogger, tries = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.query('SELECT 1')
      return true
    } catch (err) {
      if (attempt === tries) {
        log.error({ err }, 'health check: database unreachable')
        return false
      }
      await setTimeout(50 * attempt)
    }
  }
}

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/healthz',
    { config: { public: true }, schema: { tags: ['meta'], response: { 200: HealthResponseSchema, ...errorResponses(503) } } },
    async (request) => {
      if (!(await databaseAnswers(fastify.db.sql, request.log))) {
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
      label: await assistantLabel(fastify.deps, { user: request.user }),
    }),
  )
}

export default routes
