import {
  ChangePasswordRequestSchema,
  CompletePasswordResetRequestSchema,
  PasswordResetPreviewSchema,
  TokenParamsSchema,
} from '@resolutionflow/shared/team.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { changePassword } from '../../services/auth/change-password.ts'
import { completePasswordReset, previewPasswordReset } from '../../services/team/password-reset.ts'
import { errorResponses } from '../error-responses.ts'

const routes: FastifyPluginAsyncZod<{ rateLimit: number }> = async (fastify, opts) => {

  fastify.post(
    '/me/password',
    {
      config: { rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: ChangePasswordRequestSchema, response: { 204: z.null(), ...errorResponses(400, 401) } },
    },
    async (request, reply) => {
      // The hook signed this request in, so its cookie holds a valid token.
      const sessionToken = fastify.sessionToken(request) ?? ''
      await changePassword({ ...fastify.deps, log: request.log }, { ...request.body, user: request.user, sessionToken })
      return reply.code(204).send(null)
    },
  )

  fastify.get(
    '/password-resets/:token',
    {
      config: { public: true, rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], params: TokenParamsSchema, response: { 200: PasswordResetPreviewSchema, ...errorResponses(400, 404, 409, 410) } },
    },
    async (request) => previewPasswordReset(fastify.deps, { token: request.params.token }),
  )

  fastify.post(
    '/password-resets/:token',
    {
      config: { public: true, rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        params: TokenParamsSchema,
        body: CompletePasswordResetRequestSchema,
        response: { 204: z.null(), ...errorResponses(400, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      await completePasswordReset({ ...fastify.deps, log: request.log }, { token: request.params.token, new_password: request.body.new_password })
      return reply.code(204).send(null)
    },
  )
}

export default routes
