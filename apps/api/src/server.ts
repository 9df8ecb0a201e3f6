import { pathToFileURL } from 'node:url'
import Fastify from 'fastify'
import app, { serverOptions } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'

/**
 * Boots the app plugin with a logger and timeouts, listens, and closes gracefully on
 * SIGINT/SIGTERM (then runs `afterClose`, e.g. the browser tests dropping their database).
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

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      fastify.log.info({ signal }, 'shutting down')
      const force = setTimeout(() => process.exit(1), 10_000).unref()
      fastify
        .close()
        .then(() => options.afterClose?.())
        .then(
          () => {
            clearTimeout(force)
            process.exit(0)
          },
          (err) => {
            fastify.log.error({ err }, 'error during shutdown')
            process.exit(1)
          },
        )
    })
  }

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
