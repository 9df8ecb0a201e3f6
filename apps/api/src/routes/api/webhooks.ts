import {
  CreatedWebhookResponseSchema,
  CreateWebhookRequestSchema,
  WebhookDeliveriesResponseSchema,
  WebhookParamsSchema,
  WebhooksResponseSchema,
  WebhookTestResponseSchema,
} from '@resolutionflow/shared/webhooks.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  testWebhook,
} from '../../services/webhooks/manage-webhooks.ts'
import { errorResponses } from '../error-responses.ts'

/** An organization's outgoing webhooks (admins only). */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.get(
    '/webhooks',
    { schema: { tags: ['webhooks'], response: { 200: WebhooksResponseSchema, ...errorResponses(403) } } },
    async (request) => ({ webhooks: await listWebhooks(deps, { user: request.user }) }),
  )

  fastify.post(
    '/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        body: CreateWebhookRequestSchema,
        response: { 201: CreatedWebhookResponseSchema, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => reply.code(201).send({ webhook: await createWebhook(deps, { ...request.body, user: request.user }) }),
  )

  fastify.delete(
    '/webhooks/:id',
    { schema: { tags: ['webhooks'], params: WebhookParamsSchema, response: { 204: z.null(), ...errorResponses(403, 404) } } },
    async (request, reply) => {
      await deleteWebhook(deps, { user: request.user, webhookId: request.params.id })
      return reply.code(204).send(null)
    },
  )

  fastify.get(
    '/webhooks/:id/deliveries',
    {
      schema: { tags: ['webhooks'], params: WebhookParamsSchema, response: { 200: WebhookDeliveriesResponseSchema, ...errorResponses(403, 404) } },
    },
    async (request) => ({ deliveries: await listWebhookDeliveries(deps, { user: request.user, webhookId: request.params.id }) }),
  )

  fastify.post(
    '/webhooks/:id/test',
    { schema: { tags: ['webhooks'], params: WebhookParamsSchema, response: { 202: WebhookTestResponseSchema, ...errorResponses(403, 404) } } },
    async (request, reply) => reply.code(202).send({ delivery: await testWebhook(deps, { user: request.user, webhookId: request.params.id }) }),
  )
}

export default routes
