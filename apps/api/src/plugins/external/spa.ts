import fs from 'node:fs'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'

/**
 * Serves the built web app from the API's port (the not-found handler in
 * error-handler.ts answers client-side routes with its index.html).
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const root = opts.config.webDistDir
    if (!fs.existsSync(`${root}/index.html`)) {
      fastify.log.warn({ root }, 'web app not built: run `pnpm build` to serve it from here')
      return
    }
    await fastify.register(fastifyStatic, { root, wildcard: false, index: 'index.html' })
  },
  { name: 'spa' },
)
