import { EscalationMetricsSchema, MetricsQuerySchema } from '@resolutionflow/shared/metrics.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { escalationMetrics } from '../../services/metrics/escalation-metrics.ts'
import { errorResponses } from '../error-responses.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/metrics/escalations',
    { schema: { tags: ['metrics'], querystring: MetricsQuerySchema, response: { 200: EscalationMetricsSchema, ...errorResponses(400, 403) } } },
    async (request) => escalationMetrics(fastify.deps, { ...request.query, user: request.user }),
  )
}

export default routes
