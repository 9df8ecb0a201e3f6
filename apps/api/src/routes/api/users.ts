import { SeniorsResponseSchema } from '@resolutionflow/shared/users.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listSeniors } from '../../services/users/list-seniors.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/users/seniors',
    { schema: { tags: ['users'], response: { 200: SeniorsResponseSchema } } },
    async (request) => ({ users: await listSeniors(fastify.deps, { user: request.user }) }),
  )
}

export default routes
