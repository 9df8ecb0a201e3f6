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
    let sweeping = false
    fastify.addHook('onReady', async () => {
      timer = setInterval(() => {
        // One sweep at a time: a slow database must not pile sweeps up.
        if (sweeping) return
        sweeping = true
        sweepPresence(deps)
          .catch((err: unknown) => fastify.log.error({ err }, 'presence sweep failed'))
          .finally(() => (sweeping = false))
      }, opts.config.presence.sweepMs)
      timer.unref()
    })
    // Not awaited: a sweep is a few short queries, and waiting on one whose database is
    // already gone would hold the shutdown up. One cut short is simply redone by the next.
    fastify.addHook('preClose', async () => clearInterval(timer))
  },
  { name: 'presence', dependencies: ['database', 'bus'] },
)
