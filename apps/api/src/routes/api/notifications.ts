import { NotificationParamsSchema, NotificationsResponseSchema } from '@resolutionflow/shared/notifications.ts'
import { errorResponses } from '../error-responses.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../services/notifications/notifications.ts'

const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.get(
    '/notifications',
    { schema: { tags: ['notifications'], response: { 200: NotificationsResponseSchema } } },
    async (request) => listNotifications(deps, { user: request.user }),
  )

  fastify.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], params: NotificationParamsSchema, response: { 204: z.null(), ...errorResponses(404) } } },
    async (request, reply) => {
      await markNotificationRead(deps, { user: request.user, notificationId: request.params.id })
      return reply.code(204).send(null)
    },
  )

  fastify.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], response: { 204: z.null() } } },
    async (request, reply) => {
      await markAllNotificationsRead(deps, { user: request.user })
      return reply.code(204).send(null)
    },
  )
}

export default routes
