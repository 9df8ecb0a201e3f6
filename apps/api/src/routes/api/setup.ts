import { SetupRequestSchema, SetupStatusSchema } from '@resolutionflow/shared/team.ts'
import { UserResponseSchema } from '@resolutionflow/shared/users.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { toWireUser } from '../../services/auth/auth-user.ts'
import { runSetup, setupStatus } from '../../services/setup/run-setup.ts'
import { errorResponses } from '../error-responses.ts'

/** First run: public, and only useful while the database holds no organization. */
const routes: FastifyPluginAsyncZod<{ sessionTtlMs: number; rateLimit: number }> = async (fastify, opts) => {
  fastify.get(
    '/setup',
    { config: { public: true }, schema: { tags: ['setup'], response: { 200: SetupStatusSchema } } },
    async () => setupStatus(fastify.deps),
  )

  fastify.post(
    '/setup',
    {
      config: { public: true, rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['setup'], body: SetupRequestSchema, response: { 201: UserResponseSchema, ...errorResponses(400, 409) } },
    },
    async (request, reply) => {
      const { user, token, expiresAt } = await runSetup({ ...fastify.deps, sessionTtlMs: opts.sessionTtlMs }, request.body)
      reply.setSessionCookie(token, expiresAt).code(201)
      return { user: toWireUser(user) }
    },
  )
}

export default routes
