import { HandoffParamsSchema } from '@resolutionflow/shared/handoffs.ts'
import { PresenceListResponseSchema } from '@resolutionflow/shared/presence.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../error-responses.ts'
import { leavePresence } from '../../services/presence/leave-presence.ts'
import { listPresence } from '../../services/presence/list-presence.ts'
import { touchPresence } from '../../services/presence/touch-presence.ts'

/** "Who is looking": heartbeats from open pickup screens, live through `presence_changed`. */
const routes: FastifyPluginAsyncZod<{ ttlMs: number }> = async (fastify, opts) => {
  const { deps } = fastify

  fastify.post(
    '/handoffs/:id/presence',
    { schema: { tags: ['presence'], params: HandoffParamsSchema, response: { 204: z.null(), ...errorResponses(400, 404) } } },
    async (request, reply) => {
      await touchPresence({ ...deps, ttlMs: opts.ttlMs }, { user: request.user, handoffId: request.params.id })
      return reply.code(204).send(null)
    },
  )

  fastify.delete(
    '/handoffs/:id/presence',
    { schema: { tags: ['presence'], params: HandoffParamsSchema, response: { 204: z.null(), ...errorResponses(400, 404) } } },
    async (request, reply) => {
      await leavePresence(deps, { user: request.user, handoffId: request.params.id })
      return reply.code(204).send(null)
    },
  )

  fastify.get(
    '/presence',
    { schema: { tags: ['presence'], response: { 200: PresenceListResponseSchema } } },
    async (request) => ({ presence: await listPresence(deps, { user: request.user }) }),
  )
}

export default routes
