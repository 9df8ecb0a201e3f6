import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import type { Config } from '../../config.ts'

/**
 * The OpenAPI document is generated from the routes' zod schemas and served at /docs, with
 * its UI, when DOCS_ENABLED (default: everywhere but production, where a public map of
 * the API helps nobody but a visitor probing it).
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    await fastify.register(swagger, {
      openapi: {
        info: { title: 'ResolutionFlow API', version: '1.0.0', description: 'Escalations for IT helpdesks.' },
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'rf_session' } } },
        security: [{ session: [] }],
      },
      transform: jsonSchemaTransform,
    })
    if (!opts.config.docsEnabled) return
    // validatorUrl: null, or the UI loads a badge from validator.swagger.io (which img-src refuses).
    await fastify.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', validatorUrl: null } })
  },
  { name: 'openapi' },
)
