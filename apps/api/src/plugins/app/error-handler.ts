import type { FastifyError } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from '../../errors.ts'

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

/**
 * The one error contract: every 4xx and 5xx is `{ code, message }`. Validation failures
 * name the fields; 5xx details are logged with their cause and never sent.
 */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        return reply.code(error.status).send({ code: error.code, message: error.message, ...error.extra })
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const issues = error.validation.map((v) => ({
          path: [error.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
          message: v.message ?? 'is invalid',
        }))
        return reply.code(400).send({
          code: 'VALIDATION_FAILED',
          message: `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
          issues,
        })
      }
      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) {
        return reply.code(status).send({ code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: error.message })
      }
      request.log.error({ err: error }, 'request failed')
      return reply.code(500).send({ code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' })
    })

    fastify.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/'
      // Client-side routes of the web app (/chat/…) get its index.html when it is served here.
      const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)
      if (wantsPage && fastify.hasReplyDecorator('sendFile')) return reply.type('text/html').sendFile('index.html')
      return reply.code(404).send({ code: 'NOT_FOUND', message: `No route for ${request.method} ${path}` })
    })
  },
  { name: 'error-handler' },
)
