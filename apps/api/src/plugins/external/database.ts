import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { openDatabase, type Database } from '../../db/database.ts'
import { migrate } from '../../db/migrate.ts'
import { seedDemoData } from '../../db/seed-demo.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
  }
}

/** Opens the database, brings it to the latest migration and (first start of the demo) seeds it. */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const db = await openDatabase(opts.config.database, fastify.log)
    fastify.addHook('onClose', () => db.close())
    const { applied } = await db.withConnection((sql) => migrate(sql))
    if (applied.length) fastify.log.info({ applied }, 'database migrated')
    if (opts.config.seedDemo) {
      const seeded = await seedDemoData(db.prisma)
      if (seeded) fastify.log.info('demo data seeded')
    }
    fastify.decorate('db', db)
  },
  { name: 'database' },
)
