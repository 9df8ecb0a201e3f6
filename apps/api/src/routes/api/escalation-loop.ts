import { ErrorResponseSchema } from '@resolutionflow/shared/errors.ts'
import {
  CancelHandoffRequestSchema,
  DeclineHandoffRequestSchema,
  FeedbackRequestSchema,
  FeedbackResponseSchema,
  HandBackRequestSchema,
  HandoffNotOpenResponseSchema,
  HandoffParamsSchema,
  HandoffResponseSchema,
  MyFeedbackResponseSchema,
  SimilarSessionsResponseSchema,
} from '@resolutionflow/shared/handoffs.ts'
import { ResolveSessionRequestSchema, SessionParamsSchema, SessionResponseSchema } from '@resolutionflow/shared/sessions.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { cancelHandoff } from '../../services/handoffs/cancel-handoff.ts'
import { declineHandoff } from '../../services/handoffs/decline-handoff.ts'
import { findHandoff } from '../../services/handoffs/find-handoff.ts'
import { findSimilarSessions } from '../../services/handoffs/find-similar-sessions.ts'
import { handBackHandoff } from '../../services/handoffs/hand-back-handoff.ts'
import { getMyFeedback, recordFeedback } from '../../services/handoffs/record-feedback.ts'
import { reopenSession } from '../../services/sessions/reopen-session.ts'
import { resolveSession } from '../../services/sessions/resolve-session.ts'
import { errorResponses } from '../error-responses.ts'

const notOpen = { 409: z.union([HandoffNotOpenResponseSchema, ErrorResponseSchema]) }

/** The escalation to its end: cancel, decline, hand back, feedback, similar sessions, resolve and reopen. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.post(
    '/handoffs/:id/cancel',
    {
      schema: {
        tags: ['handoffs'],
        params: HandoffParamsSchema,
        // Nullish: a POST without a body reaches validation as `null`.
        body: CancelHandoffRequestSchema.nullish(),
        response: { 200: HandoffResponseSchema, ...errorResponses(400, 403, 404), ...notOpen },
      },
    },
    async (request) => cancelHandoff(deps, { user: request.user, handoffId: request.params.id, note: request.body?.note }),
  )

  fastify.post(
    '/handoffs/:id/decline',
    {
      schema: {
        tags: ['handoffs'],
        params: HandoffParamsSchema,
        body: DeclineHandoffRequestSchema,
        response: { 200: HandoffResponseSchema, ...errorResponses(400, 403, 404), ...notOpen },
      },
    },
    async (request) => declineHandoff(deps, { user: request.user, handoffId: request.params.id, ...request.body }),
  )

  fastify.post(
    '/handoffs/:id/hand-back',
    {
      schema: {
        tags: ['handoffs'],
        params: HandoffParamsSchema,
        body: HandBackRequestSchema,
        response: { 200: HandoffResponseSchema, ...errorResponses(400, 403, 404), ...notOpen },
      },
    },
    async (request) => handBackHandoff(deps, { user: request.user, handoffId: request.params.id, note: request.body.note }),
  )

  fastify.put(
    '/handoffs/:id/feedback',
    {
      schema: {
        tags: ['handoffs'],
        params: HandoffParamsSchema,
        body: FeedbackRequestSchema,
        response: { 200: FeedbackResponseSchema, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => ({ feedback: await recordFeedback(deps, { user: request.user, handoffId: request.params.id, ...request.body }) }),
  )

  fastify.get(
    '/handoffs/:id/feedback',
    { schema: { tags: ['handoffs'], params: HandoffParamsSchema, response: { 200: MyFeedbackResponseSchema, ...errorResponses(404) } } },
    async (request) => ({ feedback: await getMyFeedback(deps, { user: request.user, handoffId: request.params.id }) }),
  )

  fastify.get(
    '/handoffs/:id/similar',
    { schema: { tags: ['handoffs'], params: HandoffParamsSchema, response: { 200: SimilarSessionsResponseSchema, ...errorResponses(404) } } },
    async (request) => {
      const handoff = await findHandoff(deps.prisma, request.user, request.params.id)
      const sessions = await findSimilarSessions(deps, { organizationId: request.user.organizationId, sessionId: handoff.sessionId, note: handoff.note })
      return { sessions }
    },
  )

  fastify.post(
    '/sessions/:id/resolve',
    {
      schema: {
        tags: ['sessions'],
        params: SessionParamsSchema,
        body: ResolveSessionRequestSchema,
        response: { 200: SessionResponseSchema, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => ({
      session: await resolveSession(deps, {
        user: request.user,
        sessionId: request.params.id,
        resolutionNote: request.body.resolution_note,
        rootCause: request.body.root_cause,
      }),
    }),
  )

  fastify.post(
    '/sessions/:id/reopen',
    { schema: { tags: ['sessions'], params: SessionParamsSchema, response: { 200: SessionResponseSchema, ...errorResponses(403, 404, 409) } } },
    async (request) => ({ session: await reopenSession(deps, { user: request.user, sessionId: request.params.id }) }),
  )
}

export default routes
