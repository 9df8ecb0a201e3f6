import {
  CreateSessionRequestSchema,
  SendMessageRequestSchema,
  SendMessageResponseSchema,
  type SendMessageResponse,
  SessionDetailResponseSchema,
  SessionParamsSchema,
  SessionResponseSchema,
  SessionsResponseSchema,
  TaskParamsSchema,
  TaskResponseSchema,
  UpdateSessionRequestSchema,
  UpdateTaskRequestSchema,
} from '@resolutionflow/shared/sessions.ts'
import { errorResponses } from '../error-responses.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AppError } from '../../errors.ts'
import { claimRetry } from '../../services/messages/retry-reply.ts'
import { sendMessage, type SendMessageOptions } from '../../services/messages/send-message.ts'
import { createSession } from '../../services/sessions/create-session.ts'
import { findSessionFor } from '../../services/sessions/session-access.ts'
import { getSessionDetail } from '../../services/sessions/get-session-detail.ts'
import { listSessions } from '../../services/sessions/list-sessions.ts'
import { renameSession } from '../../services/sessions/rename-session.ts'
import { updateTask } from '../../services/tasks/update-task.ts'

const errors = errorResponses(400, 404)

const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.get(
    '/sessions',
    { schema: { tags: ['sessions'], response: { 200: SessionsResponseSchema } } },
    async (request) => ({ sessions: await listSessions(deps, { user: request.user }) }),
  )

  fastify.post(
    '/sessions',
    {
      // Nullish, not optional: Fastify hands a POST without a body to validation as `null`.
      schema: { tags: ['sessions'], body: CreateSessionRequestSchema.nullish(), response: { 201: SessionResponseSchema, ...errors } },
    },
    async (request, reply) => {
      const session = await createSession(deps, { user: request.user, title: request.body?.title })
      return reply.code(201).send({ session })
    },
  )

  fastify.get(
    '/sessions/:id',
    { schema: { tags: ['sessions'], params: SessionParamsSchema, response: { 200: SessionDetailResponseSchema, ...errors } } },
    async (request) => getSessionDetail(deps, { user: request.user, sessionId: request.params.id }),
  )

  fastify.patch(
    '/sessions/:id',
    {
      schema: { tags: ['sessions'], params: SessionParamsSchema, body: UpdateSessionRequestSchema, response: { 200: SessionResponseSchema, ...errors } },
    },
    async (request) => ({ session: await renameSession(deps, { user: request.user, sessionId: request.params.id, title: request.body.title }) }),
  )

  /**
   * A reply, as a stream with `Accept: text/event-stream` (events: user_message, delta,
   * done | error), otherwise as one 201 answer. Access is checked before a stream opens,
   * so a bad session is a plain 404; a client that goes away aborts the model call.
   */
  const answer = async (
    request: FastifyRequest,
    reply: FastifyReply,
    sessionId: string,
    run: (options: SendMessageOptions) => Promise<SendMessageResponse>,
  ) => {
    if (!reply.sse) return reply.code(201).send(await run({ signal: fastify.closing }))

    await findSessionFor(deps.prisma, request.user, sessionId, 'write')
    const sse = reply.sse
    const controller = new AbortController()
    sse.onClose(() => controller.abort())
    fastify.closing.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal })
    const send = (event: string, data: unknown) => {
      if (sse.isConnected) void sse.send({ event, data })
    }
    try {
      const result = await run({
        signal: controller.signal,
        onUserMessage: (message) => send('user_message', { message }),
        onDelta: (text) => send('delta', { text }),
      })
      send('done', result)
    } catch (err) {
      if (!(err instanceof AppError)) request.log.error({ err }, 'streamed reply failed')
      send('error', err instanceof AppError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'Something went wrong on our side.' })
    }
    sse.close()
  }

  fastify.post(
    '/sessions/:id/messages',
    {
      sse: { kind: 'dual', heartbeat: false },
      schema: {
        tags: ['sessions'],
        params: SessionParamsSchema,
        body: SendMessageRequestSchema,
        response: { 201: SendMessageResponseSchema, ...errors, ...errorResponses(502) },
      },
    },
    (request, reply) =>
      answer(request, reply, request.params.id, (options) =>
        sendMessage(deps, { ...options, user: request.user, sessionId: request.params.id, content: request.body.content }),
      ),
  )

  fastify.post(
    '/sessions/:id/reply',
    {
      // Retry after a failed or cut-off reply: the assistant answers the latest message again.
      sse: { kind: 'dual', heartbeat: false },
      schema: {
        tags: ['sessions'],
        params: SessionParamsSchema,
        response: { 201: SendMessageResponseSchema, ...errors, ...errorResponses(409, 502) },
      },
    },
    async (request, reply) => {
      // Refusals (404, 409) come before any stream opens, as plain answers.
      const retry = await claimRetry(deps, { user: request.user, sessionId: request.params.id })
      return answer(request, reply, request.params.id, retry)
    },
  )

  fastify.patch(
    '/sessions/:id/tasks/:taskId',
    { schema: { tags: ['sessions'], params: TaskParamsSchema, body: UpdateTaskRequestSchema, response: { 200: TaskResponseSchema, ...errors } } },
    async (request) => ({
      task: await updateTask(deps, { user: request.user, sessionId: request.params.id, taskId: request.params.taskId, status: request.body.status }),
    }),
  )
}

export default routes
