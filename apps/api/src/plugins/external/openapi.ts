import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

/** The OpenAPI document is generated from the routes' zod schemas and served at /docs. */
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        info: { title: 'ResolutionFlow API', version: '1.0.0', description: 'Escalations for IT helpdesks.' },
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'rf_session' } } },
        security: [{ session: [] }],
      },
      transform: jsonSchemaTransform,
    })
    await fastify.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
  },
  { name: 'openapi' },
)
