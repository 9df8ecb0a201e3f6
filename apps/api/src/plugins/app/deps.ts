import type { FastifyBaseLogger } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/database.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Bus } from '../../lib/bus.ts'
import type { JobQueue } from '../../lib/job-queue.ts'
import type { OutboundSettings } from '../../lib/outbound.ts'
import { secretBox, type SecretBox } from '../../lib/sealed-secret.ts'
import type { Assistant } from '../../llm/assistant.ts'
import type { NotifySettings } from './notify.ts'

/**
 * What operations are given (`op(deps, input)`): built once, after every plugin it names, and
 * shared by every route. An operation declares the part it uses; this object has them all.
 */
export interface AppDeps {
  prisma: PrismaClient
  driver: Database['driver']
  bus: Bus
  jobs: JobQueue
  assistant: Assistant
  log: FastifyBaseLogger
  notify: NotifySettings
  outbound: OutboundSettings
  /** Seals the OIDC client secrets organizations store. */
  secrets: SecretBox
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps
  }
}

export default fp(
  async (fastify, opts: { config: Config }) => {
    fastify.decorate('deps', {
      prisma: fastify.db.prisma,
      driver: fastify.db.driver,
      bus: fastify.bus,
      jobs: fastify.jobs,
      assistant: fastify.assistant,
      log: fastify.log,
      notify: fastify.notify.settings,
      outbound: fastify.notify.outbound,
      secrets: secretBox(opts.config.sessionSecret, 'OIDC client secret'),
    } satisfies AppDeps)
  },
  { name: 'deps', dependencies: ['database', 'bus', 'assistant', 'jobs', 'notify'] },
)
