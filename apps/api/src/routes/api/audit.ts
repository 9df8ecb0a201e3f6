import { AuditQuerySchema, AuditResponseSchema } from '@resolutionflow/shared/team.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listAudit } from '../../services/audit/list-audit.ts'
import { errorResponses } from '../error-responses.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/audit',
    { schema: { tags: ['organization'], querystring: AuditQuerySchema, response: { 200: AuditResponseSchema, ...errorResponses(400, 403) } } },
    async (request) => listAudit(fastify.deps, { user: request.user, ...request.query }),
  )
}

export default routes
