import sse from '@fastify/sse'
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Config } from './config.ts'
import errorHandler, { clientErrorHandler } from './plugins/app/error-handler.ts'
import sameOrigin from './plugins/app/same-origin.ts'
import helmet from './plugins/external/helmet.ts'
import auth from './plugins/app/auth.ts'
import assistant from './plugins/external/assistant.ts'
import bus from './plugins/external/bus.ts'
import database from './plugins/external/database.ts'
import openapi from './plugins/external/openapi.ts'
import spa from './plugins/external/spa.ts'
import authRoutes from './routes/api/auth.ts'
import sessionsRoutes from './routes/api/sessions.ts'
import usersRoutes from './routes/api/users.ts'
import eventsRoutes from './routes/api/events.ts'
import handoffsRoutes from './routes/api/handoffs.ts'
import escalationLoopRoutes from './routes/api/escalation-loop.ts'
import notificationsRoutes from './routes/api/notifications.ts'
import metricsRoutes from './routes/api/metrics.ts'
import jobs from './plugins/app/jobs.ts'
import notify from './plugins/app/notify.ts'
import webhooksRoutes from './routes/api/webhooks.ts'
import pushRoutes from './routes/api/push.ts'
import preferencesRoutes from './routes/api/preferences.ts'
import presence from './plugins/app/presence.ts'
import presenceRoutes from './routes/api/presence.ts'
import healthRoutes from './routes/health.ts'
import mailer from './plugins/external/mailer.ts'
import rateLimits from './plugins/external/rate-limit.ts'
import setupRoutes from './routes/api/setup.ts'
import invitationsRoutes from './routes/api/invitations.ts'
import membersRoutes from './routes/api/members.ts'
import passwordsRoutes from './routes/api/passwords.ts'
import organizationRoutes from './routes/api/organization.ts'
import auditRoutes from './routes/api/audit.ts'
import oidcRoutes from './routes/api/oidc.ts'
import deps from './plugins/app/deps.ts'
import { installValidationMessages } from './lib/validation-messages.ts'

declare module 'fastify' {
  interface FastifyInstance {
    closing: AbortSignal
  }
}

export interface AppOptions {
  config: Config
}

/** Server options that belong to the app, shared by server.ts and the tests' builder. */
export const serverOptions = (config: Config): FastifyServerOptions => ({
  bodyLimit: config.bodyLimit,
  trustProxy: config.trustProxy,
  // Errors Node's HTTP parser raises before Fastify sees a request (431 headers too large, 400 bad request line).
  clientErrorHandler,
  // Fastify's own refusals before routing (a malformed percent-encoding in the URL) keep the contract too.
  frameworkErrors: (error, _request, reply) => {
    void (reply as FastifyReply).code(400).send({ code: 'BAD_REQUEST', message: error.message })
  },
  // Creating a new embedded database (WASM Postgres) can take several seconds on a cold machine.
  pluginTimeout: 60_000,
  // SSE streams are never idle: close them ourselves (preClose in the events route), the rest here.
  forceCloseConnections: 'idle',
})

/**
 * The whole application as one plugin: server.ts boots it, tests build it. Registration
 * order matters only where a plugin names a dependency.
 */
export default async function app(fastify: FastifyInstance, opts: AppOptions) {
  const { config } = opts
  installValidationMessages()
  fastify.setValidatorCompiler(validatorCompiler)
  fastify.setSerializerCompiler(serializerCompiler)
  // Aborted when the server starts closing: requests still talking to the model stop, so a
  // hanging LLM server never holds up a shutdown.
  const closing = new AbortController()
  fastify.decorate('closing', closing.signal)
  fastify.addHook('preClose', async () => closing.abort())

  await fastify.register(errorHandler)
  await fastify.register(helmet, { config })
  // Before auth, so a forged request is refused before anything reads its cookie (logout included).
  await fastify.register(sameOrigin, { config })
  await fastify.register(database, { config })
  await fastify.register(bus, { config })
  await fastify.register(assistant, { config })
  await fastify.register(mailer, { config })
  await fastify.register(rateLimits, { config })
  await fastify.register(openapi, { config })
  await fastify.register(sse, { heartbeatInterval: config.sseHeartbeatMs })
  await fastify.register(auth, { config })
  await fastify.register(notify, { config })
  await fastify.register(jobs, { config })
  await fastify.register(presence, { config })
  await fastify.register(deps, { config })

  await fastify.register(healthRoutes)
  await fastify.register(
    async (api) => {
      await api.register(authRoutes, {
        loginRateLimit: config.loginRateLimit,
        sessionTtlMs: config.sessionTtlMs,
        loginLockout: config.loginLockout,
      })
      await api.register(usersRoutes)
      await api.register(sessionsRoutes)
      await api.register(handoffsRoutes)
      await api.register(escalationLoopRoutes)
      await api.register(notificationsRoutes)
      await api.register(eventsRoutes, { recheckMs: config.sseRecheckMs })
      await api.register(metricsRoutes)
      // The team: first run, invitations, members, passwords, settings, audit, SSO.
      await api.register(setupRoutes, { sessionTtlMs: config.sessionTtlMs, rateLimit: config.loginRateLimit })
      await api.register(invitationsRoutes, { sessionTtlMs: config.sessionTtlMs, publicUrl: config.publicUrl, rateLimit: config.loginRateLimit })
      await api.register(membersRoutes, { publicUrl: config.publicUrl })
      await api.register(passwordsRoutes, { rateLimit: config.loginRateLimit })
      await api.register(organizationRoutes)
      await api.register(auditRoutes)
      await api.register(oidcRoutes, { config })
      await api.register(webhooksRoutes)
      await api.register(pushRoutes)
      await api.register(preferencesRoutes)
      await api.register(presenceRoutes, { ttlMs: config.presence.ttlMs })
    },
    { prefix: '/api' },
  )
  await fastify.register(spa, { config })
}
