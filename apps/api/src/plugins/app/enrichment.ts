import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { enrichAssessment, type EnrichDeps } from '../../services/handoffs/enrich-assessment.ts'

declare module 'fastify' {
  interface FastifyInstance {
    enrichment: {
      /** Starts the assessment of a just-committed handoff, without waiting for it. */
      kick(handoffId: string): void
      /** Resolves when every job started so far has finished (tests, shutdown). */
      idle(): Promise<void>
    }
  }
}

/**
 * Runs assessments in the background. Besides the kick after each escalation, a sweep at
 * boot and every lease period picks up any assessment left pending (a crash, a restart,
 * another replica that died), which is what makes the job durable.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const running = new Map<string, Promise<unknown>>()
    const deps = (): EnrichDeps => ({
      prisma: fastify.db.prisma,
      bus: fastify.bus,
      assistant: fastify.assistant,
      log: fastify.log,
      settings: opts.config.assessment,
    })
    const shutdown = new AbortController()

    const kick = (handoffId: string) => {
      if (shutdown.signal.aborted || running.has(handoffId)) return
      const job = enrichAssessment(deps(), handoffId, shutdown.signal)
        .catch((err) => fastify.log.error({ err, handoffId }, 'assessment job crashed'))
        .finally(() => running.delete(handoffId))
      running.set(handoffId, job)
    }

    const sweep = async () => {
      const due = await fastify.db.prisma.handoff.findMany({
        where: { assessmentStatus: 'pending', OR: [{ assessmentLeaseUntil: null }, { assessmentLeaseUntil: { lt: new Date() } }] },
        select: { id: true },
        take: 50,
      })
      for (const { id } of due) kick(id)
    }

    const idle = async () => {
      while (running.size) await Promise.allSettled([...running.values()])
    }

    fastify.decorate('enrichment', { kick, idle })
    const timer = setInterval(() => void sweep().catch((err) => fastify.log.error({ err }, 'assessment sweep failed')), opts.config.assessment.leaseMs)
    timer.unref()
    fastify.addHook('onReady', async () => {
      await sweep()
    })
    fastify.addHook('preClose', async () => {
      shutdown.abort()
      clearInterval(timer)
      await idle()
    })
  },
  { name: 'enrichment', dependencies: ['database', 'bus', 'assistant'] },
)
