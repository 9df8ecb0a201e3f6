import {
  MemberParamsSchema,
  MemberResponseSchema,
  MembersResponseSchema,
  PasswordResetLinkSchema,
  UpdateMemberRequestSchema,
} from '@resolutionflow/shared/team.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listMembers } from '../../services/team/list-members.ts'
import { issuePasswordReset } from '../../services/team/password-reset.ts'
import { updateMember } from '../../services/team/update-member.ts'
import { errorResponses } from '../error-responses.ts'
import { linkBase } from '../link-base.ts'

const routes: FastifyPluginAsyncZod<{ publicUrl?: string }> = async (fastify, opts) => {
  fastify.get(
    '/members',
    { schema: { tags: ['team'], response: { 200: MembersResponseSchema, ...errorResponses(403) } } },
    async (request) => ({ members: await listMembers(fastify.deps, { user: request.user }) }),
  )

  fastify.patch(
    '/members/:id',
    {
      schema: {
        tags: ['team'],
        params: MemberParamsSchema,
        body: UpdateMemberRequestSchema,
        response: { 200: MemberResponseSchema, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => ({
      member: await updateMember(
        { ...fastify.deps, log: request.log },
        { ...request.body, user: request.user, memberId: request.params.id },
      ),
    }),
  )

  fastify.post(
    '/members/:id/password-reset',
    {
      schema: { tags: ['team'], params: MemberParamsSchema, response: { 201: PasswordResetLinkSchema, ...errorResponses(400, 403, 404, 409) } },
    },
    async (request, reply) => {
      const reset = await issuePasswordReset(
        fastify.deps,
        { user: request.user, memberId: request.params.id, linkBase: linkBase(request, opts.publicUrl) },
      )
      return reply.code(201).send({ reset })
    },
  )
}

export default routes
