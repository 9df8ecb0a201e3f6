import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { createMemoryBus, createRedisBus, type Bus } from '../../lib/bus.ts'

declare module 'fastify' {
  interface FastifyInstance {
    bus: Bus
  }
}

/** In-process by default; Redis pub/sub with REDIS_URL so every replica hears every event. */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const bus = opts.config.redisUrl
      ? await createRedisBus(opts.config.redisUrl, (err) => fastify.log.error({ err }, 'redis bus error'))
      : createMemoryBus()
    fastify.decorate('bus', bus)
    fastify.addHook('onClose', () => bus.close())
  },
  { name: 'bus' },
)
