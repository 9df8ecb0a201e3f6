import { PreferencesResponseSchema, UpdatePreferencesRequestSchema } from '@resolutionflow/shared/preferences.ts'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { getPreferences, updatePreferences } from '../../services/preferences/preferences.ts'
import { errorResponses } from '../error-responses.ts'

/** The signed-in user's notification preferences (the in-app bell is always on). */
const routes: FastifyPluginAsyncZod = async (fastify) => {
  const { deps } = fastify

  fastify.get(
    '/me/preferences',
    { schema: { tags: ['preferences'], response: { 200: PreferencesResponseSchema } } },
    async (request) => ({ preferences: await getPreferences(deps, { user: request.user }) }),
  )

  fastify.patch(
    '/me/preferences',
    { schema: { tags: ['preferences'], body: UpdatePreferencesRequestSchema, response: { 200: PreferencesResponseSchema, ...errorResponses(400) } } },
    async (request) => ({ preferences: await updatePreferences(deps, { ...request.body, user: request.user }) }),
  )
}

export default routes
