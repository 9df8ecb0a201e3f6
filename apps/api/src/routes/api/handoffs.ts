import { ErrorResponseSchema } from '@resolutionflow/shared/errors.ts'
import {
  ClaimHandoffRequestSchema,
  CreateHandoffRequestSchema,
  HandoffConflictResponseSchema,
  HandoffParamsSchema,
  HandoffResponseSchema,
  HandoffsQuerySchema,
  HandoffsResponseSchema,
} from '@resolutionflow/shared/handoffs.ts'
import { SessionParamsSchema } from '@resolutionflow/shared/sessions.ts'
import { errorResponses } from '../error-responses.ts'
import { AppError } from '../../errors.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { claimHandoff } from '../../services/handoffs/claim-handoff.ts'
import { escalateSession } from '../../services/handoffs/escalate-session.ts'
import { getHandoff, listHandoffs } from '../../services/handoffs/list-handoffs.ts'
import { regenerateAssessment } from '../../services/handoffs/regenerate-assessment.ts'

/** At most this many regenerations per user and handoff in the window. */
export const REGENERATE_LIMIT = { max: 3, windowMs: 10 * 60_000 }

const IdempotencyHeadersSchema = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() })

const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.post(
    '/sessions/:id/handoffs',
    {
      schema: {
        tags: ['handoffs'],
        params: SessionParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CreateHandoffRequestSchema.nullish(),
        response: { 201: HandoffResponseSchema, ...errorResponses(400, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const handoff = await escalateSession(deps, {
        user: request.user,
        sessionId: request.params.id,
        note: request.body?.note,
        targetUserId: request.body?.target_user_id,
        idempotencyKey: request.headers['idempotency-key'],
      })
      return reply.code(201).send(handoff)
    },
  )

  fastify.get(
    '/handoffs',
    { schema: { tags: ['handoffs'], querystring: HandoffsQuerySchema, response: { 200: HandoffsResponseSchema, ...errorResponses(400) } } },
    async (request) => ({ handoffs: await listHandoffs(deps, { ...request.query, user: request.user }) }),
  )

  fastify.get(
    '/handoffs/:id',
    { schema: { tags: ['handoffs'], params: HandoffParamsSchema, response: { 200: HandoffResponseSchema, ...errorResponses(404) } } },
    async (request) => getHandoff(deps, { user: request.user, handoffId: request.params.id }),
  )

  fastify.post(
    '/handoffs/:id/claim',
    {
      schema: {
        tags: ['handoffs'],
        params: HandoffParamsSchema,
        body: ClaimHandoffRequestSchema,
        response: {
          200: HandoffResponseSchema,
          ...errorResponses(400, 403, 404),
          409: z.union([HandoffConflictResponseSchema, ErrorResponseSchema]),
        },
      },
    },
    async (request) => claimHandoff(deps, { user: request.user, handoffId: request.params.id, option: request.body.option }),
  )

  fastify.post(
    '/handoffs/:id/assessment/regenerate',
    {
      config: {
        // Each regenerate is a model call: a few per person and handoff, then 429. Counted per
        // user, so a colleague's refused attempts cannot use up the people working it.
        rateLimit: {
          max: REGENERATE_LIMIT.max,
          timeWindow: REGENERATE_LIMIT.windowMs,
          keyGenerator: (request) => `regenerate:${request.user?.id ?? request.ip}:${(request.params as { id?: string }).id}`,
          errorResponseBuilder: (_req, ctx) =>
            new AppError(429, 'RATE_LIMITED', `This assessment was regenerated too often. Try again in ${ctx.after}.`),
        },
      },
      schema: { tags: ['handoffs'], params: HandoffParamsSchema, response: { 202: z.null(), ...errorResponses(403, 404, 429) } },
    },
    async (request, reply) => {
      await regenerateAssessment(deps, { user: request.user, handoffId: request.params.id })
      return reply.code(202).send(null)
    },
  )
}

export default routes
