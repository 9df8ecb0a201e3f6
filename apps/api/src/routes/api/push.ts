import {
  CreatePushSubscriptionRequestSchema,
  PushSubscriptionParamsSchema,
  PushSubscriptionResponseSchema,
  PushSubscriptionsResponseSchema,
  VapidPublicKeyResponseSchema,
} from '@resolutionflow/shared/push.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { deletePushSubscription, listPushSubscriptions, savePushSubscription } from '../../services/push/push-subscriptions.ts'
import { errorResponses } from '../error-responses.ts'

/** Web Push: the server's public key, and the signed-in user's browsers. */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.get(
    '/push/vapid-public-key',
    { schema: { tags: ['push'], response: { 200: VapidPublicKeyResponseSchema } } },
    async () => ({ public_key: fastify.notify.vapid.publicKey }),
  )

  fastify.get(
    '/push/subscriptions',
    { schema: { tags: ['push'], response: { 200: PushSubscriptionsResponseSchema } } },
    async (request) => ({ subscriptions: await listPushSubscriptions(deps, { user: request.user }) }),
  )

  fastify.post(
    '/push/subscriptions',
    {
      schema: { tags: ['push'], body: CreatePushSubscriptionRequestSchema, response: { 201: PushSubscriptionResponseSchema, ...errorResponses(400) } },
    },
    async (request, reply) => {
      const subscription = await savePushSubscription(deps, { ...request.body, user: request.user, userAgent: request.headers['user-agent'] })
      return reply.code(201).send({ subscription })
    },
  )

  fastify.delete(
    '/push/subscriptions/:id',
    { schema: { tags: ['push'], params: PushSubscriptionParamsSchema, response: { 204: z.null(), ...errorResponses(404) } } },
    async (request, reply) => {
      await deletePushSubscription(deps, { user: request.user, subscriptionId: request.params.id })
      return reply.code(204).send(null)
    },
  )
}

export default routes
