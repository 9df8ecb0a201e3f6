import type { FastifyRequest } from 'fastify'

/** The origin links in e-mails and redirects point at: PUBLIC_URL, or the request's own. */
export const linkBase = (request: FastifyRequest, publicUrl: string | undefined) =>
  publicUrl ?? `${request.protocol}://${request.host}`
