import Fastify from 'fastify'
import app, { serverOptions } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'

/** Boots the app plugin with a logger, timeouts and a graceful close on SIGINT/SIGTERM. */
async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }

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
      fastify.close().then(
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
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
