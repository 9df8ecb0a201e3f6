import {
  AcceptInvitationRequestSchema,
  CreateInvitationRequestSchema,
  InvitationIdParamsSchema,
  InvitationPreviewSchema,
  InvitationResponseSchema,
  InvitationsResponseSchema,
  TokenParamsSchema,
} from '@resolutionflow/shared/team.ts'
import { UserResponseSchema } from '@resolutionflow/shared/users.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { toWireUser } from '../../services/auth/auth-user.ts'
import { acceptInvitation, previewInvitation } from '../../services/team/accept-invitation.ts'
import { createInvitation } from '../../services/team/create-invitation.ts'
import { listInvitations } from '../../services/team/list-invitations.ts'
import { revokeInvitation } from '../../services/team/revoke-invitation.ts'
import { errorResponses } from '../error-responses.ts'
import { linkBase } from '../link-base.ts'

const routes: FastifyPluginAsyncZod<{ sessionTtlMs: number; publicUrl?: string; rateLimit: number }> = async (fastify, opts) => {

  fastify.post(
    '/invitations',
    {
      schema: {
        tags: ['team'],
        body: CreateInvitationRequestSchema,
        response: { 201: InvitationResponseSchema, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      const invitation = await createInvitation(
        { ...fastify.deps, mailer: fastify.mailer, log: request.log },
        { ...request.body, user: request.user, linkBase: linkBase(request, opts.publicUrl) },
      )
      return reply.code(201).send({ invitation })
    },
  )

  fastify.get(
    '/invitations',
    { schema: { tags: ['team'], response: { 200: InvitationsResponseSchema, ...errorResponses(403) } } },
    async (request) => ({ invitations: await listInvitations(fastify.deps, { user: request.user }) }),
  )

  fastify.delete(
    '/invitations/:id',
    { schema: { tags: ['team'], params: InvitationIdParamsSchema, response: { 204: z.null(), ...errorResponses(400, 403, 404) } } },
    async (request, reply) => {
      await revokeInvitation(fastify.deps, { user: request.user, invitationId: request.params.id })
      return reply.code(204).send(null)
    },
  )

  // The invitee has no account yet: the token in the link is the credential.
  fastify.get(
    '/invitations/:token',
    {
      config: { public: true, rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['team'], params: TokenParamsSchema, response: { 200: InvitationPreviewSchema, ...errorResponses(400, 404, 409, 410) } },
    },
    async (request) => previewInvitation(fastify.deps, { token: request.params.token }),
  )

  fastify.post(
    '/invitations/:token/accept',
    {
      config: { public: true, rateLimit: { max: opts.rateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['team'],
        params: TokenParamsSchema,
        body: AcceptInvitationRequestSchema,
        response: { 200: UserResponseSchema, ...errorResponses(400, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      const { user, token, expiresAt } = await acceptInvitation(
        { ...fastify.deps, sessionTtlMs: opts.sessionTtlMs },
        { ...request.body, token: request.params.token },
      )
      reply.setSessionCookie(token, expiresAt)
      return { user: toWireUser(user) }
    },
  )
}

export default routes
