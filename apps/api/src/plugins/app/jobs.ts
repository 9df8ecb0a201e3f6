import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { seedDemoData } from '../../db/seed-demo.ts'
import { JobQueue } from '../../lib/job-queue.ts'
import { assessHandoff } from '../../services/handoffs/assess-handoff.ts'
import { purgeOldRows } from '../../services/maintenance/purge-old-rows.ts'
import { answerBriefing } from '../../services/messages/answer-briefing.ts'

/** How often old rows are purged; every replica schedules it, one run waits at a time. */
const PURGE_EVERY_S = 60 * 60
const PURGE_KEY = 'purge'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue
  }
}

/**
 * The background work: one pg-boss queue per job, each job an operation in services/.
 * Workers start once the app is ready (the demo data's pending assessment, or work left
 * by a crash, is picked up then) and stop first on close: running jobs are aborted and
 * go back to the queue before the database closes. The demo data is written here, once
 * the queue exists, because its escalation sends the job that assesses it.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const jobs = new JobQueue(fastify.db, opts.config.jobs, (err) => fastify.log.error({ err }, 'job queue error'))
    fastify.decorate('jobs', jobs)
    await jobs.start()
    if (opts.config.seedDemo && (await seedDemoData(fastify.db.prisma, jobs))) fastify.log.info('demo data seeded')
    const deps = { prisma: fastify.db.prisma, bus: fastify.bus, assistant: fastify.assistant, log: fastify.log, jobs }

    fastify.addHook('onReady', async () => {
      await jobs.work({
        'assess-handoff': async (data, job) => {
          await assessHandoff({ ...deps, settings: opts.config.assessment }, { handoffId: data.handoff_id, signal: job.signal })
        },
        'answer-briefing': async (data, job) => {
          await answerBriefing(deps, { sessionId: data.session_id, messageId: data.message_id, userId: data.user_id, signal: job.signal })
        },
        'purge-old-rows': async () => {
          const purged = await purgeOldRows(deps, opts.config.retention)
          fastify.log.info({ purged }, 'old rows purged')
          await jobs.schedule('purge-old-rows', {}, { singletonKey: PURGE_KEY, startAfter: PURGE_EVERY_S })
        },
      })
      await jobs.schedule('purge-old-rows', {}, { singletonKey: PURGE_KEY })
    })
    fastify.addHook('preClose', () => jobs.stop())
  },
  { name: 'jobs', dependencies: ['database', 'bus', 'assistant'] },
)
