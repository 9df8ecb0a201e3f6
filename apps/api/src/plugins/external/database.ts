import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { openDatabase, type Database } from '../../db/database.ts'
import { migrate } from '../../db/migrate.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
  }
}

/** Opens the database and brings it to the latest migration (the demo data is seeded by the jobs plugin). */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const db = await openDatabase(opts.config.database, fastify.log)
    fastify.addHook('onClose', () => db.close())
    const { applied } = await db.withConnection((sql) => migrate(sql))
    if (applied.length) fastify.log.info({ applied }, 'database migrated')
    fastify.decorate('db', db)
  },
  { name: 'database' },
)
