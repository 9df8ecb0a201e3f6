import { OrganizationResponseSchema, UpdateOrganizationRequestSchema } from '@resolutionflow/shared/organization.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { getOrganization, updateOrganization } from '../../services/organization/organization.ts'
import { errorResponses } from '../error-responses.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/organization',
    { schema: { tags: ['organization'], response: { 200: OrganizationResponseSchema, ...errorResponses(403) } } },
    async (request) => ({ organization: await getOrganization(fastify.deps, { user: request.user }) }),
  )

  fastify.patch(
    '/organization',
    {
      schema: {
        tags: ['organization'],
        body: UpdateOrganizationRequestSchema,
        response: { 200: OrganizationResponseSchema, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const organization = await updateOrganization(fastify.deps, { ...request.body, user: request.user })
      // Signed-in users carry the organization's name: every replica reads them again (this one
      // before the answer goes out: the bus delivers here at once).
      await fastify.bus
        .publish({ id: '', organizationId: organization.id, userId: null, type: 'session_revoked', payload: { organization_id: organization.id } })
        .catch((err) => request.log.error({ err }, 'session_revoked broadcast failed'))
      return { organization }
    },
  )
}

export default routes
