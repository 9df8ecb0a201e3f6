import { pathToFileURL } from 'node:url'
import closeWithGrace from 'close-with-grace'
import Fastify from 'fastify'
import app, { serverOptions } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'

/** How long a graceful close may take before the process exits anyway. */
const CLOSE_GRACE_MS = 8_000

/**
 * Boots the app plugin with a logger and timeouts, listens, and closes gracefully on
 * SIGINT/SIGTERM (then runs `afterClose`, e.g. the browser tests dropping their database).
 * Closing stops new requests, ends the SSE streams, aborts model calls and running jobs
 * (which go back to the queue) and closes the database; a second signal exits at once.
 */
export async function startServer(config: Config, options: { afterClose?: () => Promise<void> } = {}) {
  const fastify = Fastify({
    ...serverOptions(config),
    logger: {
      level: config.logLevel,
      ...(config.env === 'development' && process.stdout.isTTY ? { transport: { target: 'pino-pretty' } } : {}),
    },
    requestTimeout: 120_000,
    connectionTimeout: 0,
  })
  await fastify.register(app, { config })

  closeWithGrace({ delay: CLOSE_GRACE_MS, logger: fastify.log }, async ({ signal, err }) => {
    if (err) fastify.log.error({ err }, 'shutting down after an error')
    else fastify.log.info({ signal }, 'shutting down')
    await fastify.close()
    await options.afterClose?.()
  })

  await fastify.listen({ port: config.port, host: config.host })
  return fastify
}

/** Reads the configuration; a bad value stops the process with a message naming the variable. */
export function configOrExit(): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  startServer(configOrExit()).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
