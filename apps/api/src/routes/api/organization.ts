import { OrganizationResponseSchema, UpdateOrganizationRequestSchema } from '@resolutionflow/shared/organization.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { getOrganization, updateOrganization } from '../../services/organization/organization.ts'
import { errorResponses } from '../error-responses.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/organization',
    { schema: { tags: ['organization'], response: { 200: OrganizationResponseSchema, ...errorResponses(403) } } },
    async (request) => ({ organization: await getOrganization({ prisma: fastify.db.prisma }, { user: request.user }) }),
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
      const organization = await updateOrganization({ prisma: fastify.db.prisma }, { ...request.body, user: request.user })
      // Signed-in users carry the organization's name: this replica reads them again at once, others within seconds.
      fastify.sessionCache.forgetOrganization(organization.id)
      return { organization }
    },
  )
}

export default routes
