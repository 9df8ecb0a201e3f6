import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { sweepPresence } from '../../services/presence/sweep-presence.ts'

/**
 * Sweeps lapsed "who is looking" leases on a timer, so a tab that closed without saying
 * goodbye disappears from everyone's screen within TTL + one sweep. Each replica sweeps;
 * the conditional delete keeps each departure announced once.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const deps = { prisma: fastify.db.prisma, bus: fastify.bus }
    let timer: ReturnType<typeof setInterval> | undefined
    let running: Promise<unknown> = Promise.resolve()
    fastify.addHook('onReady', async () => {
      timer = setInterval(() => {
        // One sweep at a time: a slow database must not pile sweeps up.
        running = running.then(() => sweepPresence(deps)).catch((err) => fastify.log.error({ err }, 'presence sweep failed'))
      }, opts.config.presence.sweepMs)
      timer.unref()
    })
    fastify.addHook('preClose', async () => {
      clearInterval(timer)
      await running
    })
  },
  { name: 'presence', dependencies: ['database', 'bus'] },
)
