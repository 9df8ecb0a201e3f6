import type { Socket } from 'node:net'
import type { FastifyError, FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError } from '../../errors.ts'
import { isDatabaseUnreachable } from '../../db/connection-errors.ts'

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'REQUEST_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'REQUEST_TOO_LARGE',
}

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: 'The request could not be read',
  408: 'The request took too long to arrive',
  413: 'Request body is too large',
  414: 'The address is too long',
  431: 'The request headers (or its address) are too large',
}

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers or an address
 * too large: 431; a malformed request line: 400). Fastify's default answer for those is
 * `{error, message, statusCode}`; this one keeps the contract.
 */
export const clientErrorHandler: NonNullable<FastifyServerOptions['clientErrorHandler']> = (
  err: Error & { code?: string },
  socket: Socket,
) => {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const body = JSON.stringify({ code: CODE_BY_STATUS[status], message: MESSAGE_BY_STATUS[status] })
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      `Connection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/**
 * The one error contract: every 4xx and 5xx is `{ code, message }`. Validation failures
 * name the fields; a database that does not answer is a 503 the client may retry; other
 * 5xx details are logged with their cause and never sent.
 */
export default fp(
  async (fastify) => {
    // An empty body with `Content-Type: application/json` is no body (optional bodies stay
    // optional); a required one is then refused by the route's schema, naming it.
    const parseJson = fastify.getDefaultJsonParser('error', 'ignore')
    fastify.removeContentTypeParser(['application/json', 'text/plain'])
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      const text = body.toString()
      if (text.trim() === '') return done(null, undefined)
      parseJson(request, text, done)
    })

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
      if (isDatabaseUnreachable(error)) {
        request.log.error({ err: error }, 'database unreachable')
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ code: 'DATABASE_UNREACHABLE', message: 'The database does not answer right now. Try again in a moment.' })
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

