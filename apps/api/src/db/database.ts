import fs from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import type { Config } from '../config.ts'
import { PrismaClient } from '../generated/prisma/client.ts'
import { markUnreachable } from './connection-errors.ts'

// Under a burst (200 claims at once) transactions queue for a connection: wait for one
// rather than fail after Prisma's default 2 s.
const transactionOptions = { maxWait: 15_000, timeout: 15_000 }

/** Plain SQL access, for the migration runner and health checks. */
export interface SqlRunner {
  exec(sql: string): Promise<void>
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>
}

export interface Database {
  prisma: PrismaClient
  driver: 'pglite' | 'postgres'
  sql: SqlRunner
  /** Runs `fn` on one connection (session-level advisory locks need that). */
  withConnection<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>
  /** Safe to call more than once: the app's shutdown closes it whoever closed it first. */
  close(): Promise<void>
}

/** How many distinct statements each connection keeps prepared (the app has about a hundred). */
const PREPARED_STATEMENTS = 500
/**
 * A text with more parameters than this is not prepared: Prisma writes an `IN` list or a
 * `createMany` as one placeholder per item, so such texts vary with their length and would
 * use the names up (the app's own statements have fewer: the claim 17).
 */
const PREPARED_MAX_PARAMETERS = 40

/**
 * Names statements so that each connection parses and plans them once (a claim's statement
 * spent 1.1 of its 2 ms in Postgres on parse and plan when unnamed). Only a text with
 * parameters is named (it is one statement for sure: pg-boss sends some texts of several,
 * which cannot be prepared). Past the cap, new texts run unnamed, so a query whose text
 * varies cannot grow the connections' memory without bound.
 */
function preparedNames(): (sql: string, parameters: number) => string | undefined {
  const names = new Map<string, string>()
  return (sql, parameters) => {
    if (parameters === 0 || parameters > PREPARED_MAX_PARAMETERS) return undefined
    let name = names.get(sql)
    if (!name && names.size < PREPARED_STATEMENTS) names.set(sql, (name = `rf${names.size}`))
    return name
  }
}

const once = (fn: () => Promise<void>) => {
  let closing: Promise<void> | undefined
  return () => (closing ??= fn())
}

/**
 * Opens the database the config names: the embedded PGlite (one in-process connection;
 * never query outside an open interactive transaction, it would wait for it) or a
 * Postgres server through Prisma's `pg` driver adapter.
 */
export async function openDatabase(
  config: Config['database'],
  log: { warn(obj: unknown, msg: string): void } = console,
): Promise<Database> {
  if (config.driver === 'postgres') {
    // Connections are renewed every 10 minutes: a prepared statement whose result type a
    // migration changed (a column's type, a pg-boss upgrade) fails on its connection until
    // the connection goes ("cached plan must not change result type").
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize, maxLifetimeSeconds: 600 })
    // An idle connection the server drops (a restart, a failover, an admin's terminate) is
    // reported here; without a listener it would crash the process. The pool replaces it.
    pool.on('error', (err) => log.warn({ err }, 'idle database connection lost'))
    // Failing to get a connection is an outage, whatever pg's words: mark it so the error
    // handler answers 503 DATABASE_UNREACHABLE (pool.query connects through this too).
    const connect = pool.connect.bind(pool) as (cb?: (err: Error | undefined, ...rest: unknown[]) => void) => unknown
    pool.connect = ((cb?: (err: Error | undefined, ...rest: unknown[]) => void) =>
      cb
        ? connect((err, ...rest) => cb(err && markUnreachable(err), ...rest))
        : (connect() as Promise<pg.PoolClient>).catch((err: unknown) => {
            throw markUnreachable(err)
          })) as typeof pool.connect
    // One set of names for Prisma's statements and ours: a name means one text on every connection.
    const nameOf = preparedNames()
    const prisma = new PrismaClient({
      adapter: new PrismaPg(pool, { statementNameGenerator: ({ sql, args }) => nameOf(sql, args.length)! }),
      transactionOptions,
    })
    const runnerOf = (q: pg.Pool | pg.PoolClient): SqlRunner => ({
      exec: async (text) => void (await q.query(text)),
      query: async <T,>(text: string, params?: unknown[]) =>
        (await q.query({ text, values: params, name: nameOf(text, params?.length ?? 0) })).rows as T[],
    })
    return {
      prisma,
      driver: 'postgres',
      sql: runnerOf(pool),
      async withConnection(fn) {
        const client = await pool.connect()
        try {
          return await fn(runnerOf(client))
        } finally {
          client.release()
        }
      },
      close: once(async () => {
        await prisma.$disconnect()
        await pool.end()
      }),
    }
  }

  if (!config.dataDir.startsWith('memory://')) {
    // PGlite does not create parent folders.
    await fs.mkdir(path.dirname(config.dataDir), { recursive: true })
  }
  const pglite = await PGlite.create(config.dataDir)
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), transactionOptions })
  const sql: SqlRunner = {
    exec: async (text) => void (await pglite.exec(text)),
    query: async <T,>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows,
  }
  return {
    prisma,
    driver: 'pglite',
    sql,
    withConnection: (fn) => fn(sql),
    close: once(async () => {
      await prisma.$disconnect()
      await pglite.close()
    }),
  }
}
