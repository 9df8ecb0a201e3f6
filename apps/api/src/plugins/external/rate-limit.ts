import { createHash, randomUUID } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { FastifyBaseLogger } from 'fastify'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'
import type { Config } from '../../config.ts'
import type { SqlRunner } from '../../db/database.ts'

/** Host, port and database of a Postgres URL: no user, no password. */
const addressOf = (url: string) => {
  const { hostname, port, pathname } = new URL(url)
  return `${hostname}:${port || '5432'}${pathname}`
}

/**
 * The database itself, however this replica reaches it (directly, through a PgBouncer
 * sidecar, by another host name): its cluster's system identifier and its name. A server
 * that does not let us call pg_control_system (a managed service may not) is known by its
 * address, said in the log: replicas reaching it by different addresses then count apart.
 * (A copy of a cluster, a restored backup or a branch, keeps the identifier: give it its own Redis.)
 */
async function databaseIdentity(sql: SqlRunner, url: string, log: FastifyBaseLogger): Promise<string> {
  try {
    const [row] = await sql.query<{ id: string }>(`SELECT system_identifier::text || '/' || current_database() AS "id" FROM pg_control_system()`)
    return row!.id
  } catch (err) {
    // 42501 insufficient_privilege, 42883 undefined_function: anything else (the database
    // unreachable at boot) is not a reason to key this replica apart for its whole life.
    if (!['42501', '42883'].includes((err as { code?: string }).code ?? '')) throw err
    log.warn({ err }, 'rate limits: pg_control_system() refused, keyed by the database address instead')
    return addressOf(url)
  }
}

/**
 * The rate limits (sign-in, setup, invitations, passwords, regenerate; each route sets its
 * own): in this process by default; with REDIS_URL counted in Redis, so a client gets the
 * same allowance however many replicas it is spread over. Keys are kept per database: the
 * replicas of one deployment share them (whatever address each reaches it by), another
 * deployment on the same Redis does not.
 * While Redis is unreachable a request is not counted and goes through (the per-account
 * sign-in lock-out, kept in the database, still holds): a limit must not take the app down.
 */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const { redisUrl, database } = opts.config
    if (!redisUrl) {
      await fastify.register(rateLimit, { global: false })
      return
    }

    // Fails fast rather than queue: while Redis is down a request does not wait for it, and an
    // unresponsive Redis holds a request back by commandTimeout (500 ms) at most.
    const redis = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 500,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
    })
    let reported = false
    redis.on('error', (err) => {
      if (!reported) fastify.log.warn({ err }, 'rate limits: Redis unreachable, requests are not counted')
      reported = true
    })
    redis.on('ready', () => void (reported = false))
    fastify.addHook('onClose', async () => void redis.disconnect())
    // The database, not its credentials (a password must not shape keys in Redis); an embedded
    // database is one process's own, and so are its counts.
    const deployment = database.driver === 'postgres' ? await databaseIdentity(fastify.db.sql, database.url, fastify.log) : randomUUID()
    const nameSpace = `resolutionflow:rate-limit:${createHash('sha256').update(deployment).digest('hex').slice(0, 16)}:`
    await fastify.register(rateLimit, { global: false, redis, nameSpace, skipOnError: true })
  },
  { name: 'rate-limit', dependencies: ['database'] },
)
