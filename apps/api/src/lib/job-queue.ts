import { EventEmitter } from 'node:events'
import PgBoss from 'pg-boss'
import type { Database } from '../db/database.ts'
import type { Tx } from './outbox.ts'

/** Every background job, by queue name, with the data it carries. */
export interface JobPayloads {
  /** Write a handoff's assessment (one structured model call, retried inside the run). */
  'assess-handoff': { handoff_id: string }
  /** The assistant answers a senior's "Get AI analysis" briefing. */
  'answer-briefing': { session_id: string; message_id: string; user_id: string }
  /** Deletes what is past its keeping time; sends the next run for later (a timer). */
  'purge-old-rows': Record<string, never>
  /** Escalation policy: tell the same seniors again if the handoff is still pending (sent for later). */
  'renotify-handoff': { handoff_id: string }
  /** Escalation policy: tell every senior and admin if the handoff is still pending (sent for later). */
  'widen-handoff': { handoff_id: string }
  /** One attempt of one webhook delivery; a retry is a new job with the next `attempt`. */
  'deliver-webhook': { delivery_id: string; attempt: number }
  /** An e-mail to one user about a pending handoff. */
  'send-email': { user_id: string; handoff_id: string; kind: 'handoff_created' | 'handoff_renotified' | 'handoff_widened' }
  /** A Web Push message to one browser about a pending handoff. */
  'send-push': { subscription_id: string; handoff_id: string; kind: 'handoff_created' | 'handoff_renotified' | 'handoff_widened' }
}
export type JobName = keyof JobPayloads

/**
 * Each queue, with its pg-boss policy: `short` keeps at most one job per singletonKey
 * waiting, so every replica can schedule the same periodic job at boot and one runs.
 */
const QUEUES: { [N in JobName]: { policy: 'standard' | 'short'; kind: 'work' | 'timer' } } = {
  'assess-handoff': { policy: 'standard', kind: 'work' },
  'answer-briefing': { policy: 'standard', kind: 'work' },
  'deliver-webhook': { policy: 'standard', kind: 'work' },
  'send-email': { policy: 'standard', kind: 'work' },
  'send-push': { policy: 'standard', kind: 'work' },
  // Escalation timers: found by polling when they come due, so they poll as often as work does.
  'renotify-handoff': { policy: 'standard', kind: 'work' },
  'widen-handoff': { policy: 'standard', kind: 'work' },
  // Hourly housekeeping: one worker polling less often is enough.
  'purge-old-rows': { policy: 'short', kind: 'timer' },
}
const JOB_NAMES = Object.keys(QUEUES) as JobName[]
/** How long a woken worker is taken to be on its way to a fetch (a round trip, with room). */
const WAKE_FETCH_MS = 250
// How long a shutdown waits, past pg-boss's own wait, for aborted jobs to finish (see `stop`).
const STOP_GRACE_MS = 3_000

export interface JobOptions {
  /** Run no earlier than this (a durable timer): seconds from now, or a date. */
  startAfter?: number | Date
  /** At most one queued job per key (a second send with the same key is dropped). */
  singletonKey?: string
}

export interface JobContext {
  id: string
  /** How many times this job ran before (a crash, a shutdown, an error of ours). */
  retryCount: number
  /** Aborted when the process shuts down: stop, and throw, so the job goes back to the queue. */
  signal: AbortSignal
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], job: JobContext) => Promise<void>

export interface JobQueueSettings {
  /**
   * A job still running after this long is taken to be lost (its process died) and is run
   * again; anything a job does must finish well within it (the model's timeout × attempts).
   */
  timeoutS: number
  /** Runs per queue that one process works on at once. */
  concurrency: number
  /** Seconds between a worker's looks at its queue (this process's own sends wake it at once). */
  pollS: number
}

/**
 * The background-work queue: pg-boss on the app's own database (Postgres, or the embedded
 * PGlite through the same `executeSql` adapter). Jobs are sent inside the transaction of
 * the change that causes them, so a rollback leaves no job; they survive restarts, run on
 * one replica (pg-boss fetches with SKIP LOCKED), are retried after a crash once their
 * timeout runs out, and can start later (timers).
 */
export class JobQueue {
  readonly #boss: PgBoss
  readonly #workers = new Map<JobName, string[]>()
  readonly #running = new Set<Promise<unknown>>()
  /** Workers (by id) running a job right now. */
  readonly #busy = new Set<string>()
  /** When each worker was last woken (see `wake`). */
  readonly #wokenAt = new Map<string, number>()
  /** Per queue, jobs woken for while no worker was free: the next worker done with a job looks for them. */
  readonly #owed = new Map<JobName, number>()
  readonly #settled = new EventEmitter().setMaxListeners(0)
  readonly #shutdown = new AbortController()
  readonly #settings: JobQueueSettings
  #stopped = false

  constructor(db: Database, settings: JobQueueSettings, onError: (err: Error) => void) {
    this.#settings = settings
    this.#boss = new PgBoss({
      db: databaseAdapter(db, () => this.#stopped),
      // Expiry of lost jobs is checked by this maintenance loop: often enough that a crash
      // costs little more than the timeout itself.
      maintenanceIntervalSeconds: Math.min(30, Math.max(1, Math.ceil(settings.timeoutS / 5))),
      // Completed jobs are kept a while for inspection, then archived and deleted by pg-boss.
      archiveCompletedAfterSeconds: 6 * 60 * 60,
      deleteAfterDays: 7,
      // No cron schedules: timers are jobs sent with startAfter.
      schedule: false,
    })
    this.#boss.on('error', onError)
  }

  /** Installs pg-boss's schema (its own, `pgboss`) and the queues; jobs can be sent from then on. */
  async start(): Promise<void> {
    await this.#boss.start()
    for (const name of JOB_NAMES) {
      await this.#boss.createQueue(name, {
        name,
        policy: QUEUES[name].policy,
        // An error of ours (the database went away, a shutdown mid-run) is retried soon; a
        // job's own business failures (the model failing) are handled inside its run.
        retryLimit: 5,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: this.#settings.timeoutS,
      })
    }
  }

  /**
   * Starts this process's workers: `concurrency` runs at a time per queue of work, one for
   * the housekeeping queue. Every worker polls (other replicas' jobs are found that way); this
   * process's own sends wake its workers at once.
   */
  async work(handlers: { [N in JobName]: JobHandler<N> }): Promise<void> {
    for (const name of JOB_NAMES) {
      const timer = QUEUES[name].kind === 'timer'
      const ids: string[] = []
      for (let i = 0; i < (timer ? 1 : this.#settings.concurrency); i++) {
        const options = { includeMetadata: true as const, pollingIntervalSeconds: timer ? Math.max(5, this.#settings.pollS) : this.#settings.pollS }
        // Its first fetch is a round trip away: the id is known before a job runs.
        let id = ''
        id = await this.#boss.work<object>(name, options, async ([job]) => {
          this.#busy.add(id)
          this.#wokenAt.delete(id)
          try {
            await this.#run(name, job!, handlers[name] as JobHandler<JobName>)
          } finally {
            this.#busy.delete(id)
            // Notified before this callback returns, the worker fetches again without its poll wait.
            const owed = this.#owed.get(name) ?? 0
            if (owed > 0 && !this.#stopped) {
              this.#owed.set(name, owed - 1)
              this.#wokenAt.set(id, Date.now())
              this.#boss.notifyWorker(id)
            }
          }
        })
        ids.push(id)
      }
      this.#workers.set(name, ids)
    }
  }

  /** Enqueues a job inside `tx`: it exists only if that transaction commits. Call `wake` after the commit. */
  async send<N extends JobName>(tx: Tx, name: N, data: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    await this.#boss.send(name, data, { ...options, db: transactionAdapter(tx) })
  }

  /**
   * Enqueues several jobs inside `tx` in one statement (pg-boss's insert: the same queue
   * defaults and policies as send). Call `wake` after the commit.
   */
  async sendMany(tx: Tx, jobs: Array<{ name: JobName; data: object; options?: JobOptions }>): Promise<void> {
    if (jobs.length === 0) return
    await this.#boss.insert(
      jobs.map(({ name, data, options = {} }) => ({
        name,
        data,
        singletonKey: options.singletonKey,
        // pg-boss's insert takes an interval (seconds) or an ISO time ending in Z.
        startAfter: options.startAfter instanceof Date ? options.startAfter.toISOString() : options.startAfter === undefined ? undefined : String(options.startAfter),
      })) as PgBoss.JobInsert[],
      { db: transactionAdapter(tx) },
    )
  }

  /** Sends a job on its own, outside any transaction: periodic work scheduled at boot. */
  async schedule<N extends JobName>(name: N, data: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    await this.#boss.send(name, data, options)
  }

  /**
   * After a commit that sent jobs (a name per job due now): for each, one of this process's
   * workers of its queue looks at once instead of at its next poll, an idle one if there is
   * one. Waking every worker of the queue for one job made all of them fetch and all but one
   * find nothing (nine fetches per escalation). More jobs than free workers (an e-mail to ten
   * seniors): the rest are owed, and each worker done with a job looks again at once.
   */
  wake(names: Iterable<JobName>): void {
    this.#wake(names, true)
  }

  #wake(names: Iterable<JobName>, owe: boolean): void {
    if (this.#stopped) return
    const now = Date.now()
    // A worker woken a moment ago may not have fetched yet (its fetch is a round trip): a second
    // job, of this commit or of another in the same moment, goes to another worker.
    const notJustWoken = (id: string) => now - (this.#wokenAt.get(id) ?? 0) > WAKE_FETCH_MS
    for (const name of names) {
      const ids = this.#workers.get(name) ?? []
      if (ids.length === 0) continue
      const id = ids.find((i) => !this.#busy.has(i) && notJustWoken(i))
      if (!id) {
        if (owe) this.#owed.set(name, (this.#owed.get(name) ?? 0) + 1)
        continue
      }
      this.#wokenAt.set(id, now)
      this.#boss.notifyWorker(id)
    }
  }

  /**
   * Resolves once nothing is running here and no job is ready to run in the database (tests,
   * benchmarks): the work caused by what came before has been done, by this process or another.
   */
  async idle(): Promise<void> {
    for (;;) {
      while (this.#running.size) await Promise.allSettled([...this.#running])
      const [{ due }] = await this.#boss.getDb().executeSql(
        `SELECT count(*)::int AS due FROM pgboss.job WHERE name = ANY($1::text[]) AND state < 'completed' AND start_after <= now()`,
        [[...JOB_NAMES]],
      ).then((r) => r.rows as [{ due: number }])
      if (due === 0 && this.#running.size === 0) return
      // Idle workers only: this looks again in 20 ms, and owing a look for every busy queue
      // each time would leave fetches owed for jobs that are long done.
      this.#wake(JOB_NAMES, false)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /** Resolves when a job of `name` whose data matches `predicate` has finished here (tests). */
  settled<N extends JobName>(name: N, predicate: (data: JobPayloads[N]) => boolean): Promise<'completed' | 'failed'> {
    return new Promise((resolve) => {
      const listener = (settledName: JobName, data: JobPayloads[N], outcome: 'completed' | 'failed') => {
        if (settledName !== name || !predicate(data)) return
        this.#settled.off('settled', listener)
        resolve(outcome)
      }
      this.#settled.on('settled', listener)
    })
  }

  /**
   * Shutdown: running jobs are told to stop (their work goes back to the queue as a retry),
   * pg-boss waits for them a moment and fails whatever is left the same way.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    this.#shutdown.abort()
    await this.#boss.stop({ graceful: true, wait: true, timeout: 3000, close: false })
    // pg-boss stops waiting after its timeout, and reports a job that finishes later without
    // awaiting it: give aborted jobs a moment more, so that report runs before the database
    // closes (the adapter below drops one that comes later still).
    const settled = Promise.allSettled([...this.#running])
    await Promise.race([settled, new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())])
    await new Promise((r) => setImmediate(r))
  }

  async #run(name: JobName, job: PgBoss.JobWithMetadata<object>, handler: JobHandler<JobName>) {
    const run = handler(job.data as JobPayloads[JobName], { id: job.id, retryCount: job.retryCount, signal: this.#shutdown.signal })
    this.#running.add(run)
    try {
      await run
      this.#settled.emit('settled', name, job.data, 'completed')
    } catch (err) {
      this.#settled.emit('settled', name, job.data, 'failed')
      throw err
    } finally {
      this.#running.delete(run)
    }
  }
}

/** pg-boss hands JSON data as objects; the drivers below take it as text. */
const toParam = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v)

/**
 * pg-boss's own queries, on the app's pool (Postgres) or its one embedded connection (PGlite).
 * Once the queue is stopping, a query that fails is dropped: pg-boss marks a job done or failed
 * without awaiting it, so a job that outlived the shutdown's wait reports after the database
 * closed, as an unhandled rejection. Such a job expires and runs again, as after a crash.
 */
function databaseAdapter(db: Database, stopping: () => boolean): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      try {
        return { rows: await db.sql.query(text, values.map(toParam)) }
      } catch (err) {
        // The shape pg-boss's completion and failure read (`rows[0].count`), with nothing done.
        if (stopping()) return { rows: [{ count: 0 }] }
        // pg-boss sends its schema and maintenance as several statements in one text, which
        // PGlite refuses as a prepared statement (42601) and runs only through exec (no
        // parameters; pg-boss reads no rows from such a text).
        if (db.driver !== 'pglite' || values.length > 0 || (err as { code?: string }).code !== '42601') throw err
        await db.sql.exec(text)
        return { rows: [] }
      }
    },
  }
}

/** pg-boss's send, inside the caller's Prisma transaction. */
function transactionAdapter(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      return { rows: await tx.$queryRawUnsafe(text, ...values.map(toParam)) }
    },
  }
}
