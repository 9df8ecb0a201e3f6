import { LoginRequestSchema } from '@resolutionflow/shared/auth.ts'
import { UserResponseSchema } from '@resolutionflow/shared/users.ts'
import { errorResponses } from '../error-responses.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { AppError } from '../../errors.ts'
import { toWireUser } from '../../services/auth/auth-user.ts'
import { signIn, signOut } from '../../services/auth/sign-in.ts'
import type { LoginLockoutPolicy } from '../../services/auth/login-throttle.ts'

const routes: FastifyPluginAsyncZod<{ loginRateLimit: number; sessionTtlMs: number; loginLockout: LoginLockoutPolicy }> = async (
  fastify,
  opts,
) => {
  fastify.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: opts.loginRateLimit,
          timeWindow: '1 minute',
          errorResponseBuilder: (_req, ctx) =>
            new AppError(429, 'RATE_LIMITED', `Too many sign-in attempts. Try again in ${ctx.after}.`),
        },
      },
      schema: {
        tags: ['auth'],
        body: LoginRequestSchema,
        response: { 200: UserResponseSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { user, token, expiresAt } = await signIn(
        { ...fastify.deps, sessionTtlMs: opts.sessionTtlMs, lockout: opts.loginLockout },
        request.body,
      )
      reply.setSessionCookie(token, expiresAt)
      return { user: toWireUser(user) }
    },
  )

  fastify.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const token = fastify.sessionToken(request)
      if (token) await signOut(fastify.deps, token)
      return reply.clearSessionCookie().code(204).send(null)
    },
  )

  fastify.get(
    '/me',
    { schema: { tags: ['auth'], response: { 200: UserResponseSchema, ...errorResponses(401) } } },
    async (request) => ({ user: toWireUser(request.user) }),
  )
}

export default routes
