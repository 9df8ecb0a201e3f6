import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { openDatabase, type Database } from '../../db/database.ts'
import { migrate } from '../../db/migrate.ts'
import { DEMO_USERS } from '../../db/seed-demo.ts'

export class DemoDataInProductionError extends Error {
  override name = 'DemoDataInProductionError'
}

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
    // The demo accounts' password is published: a production server never runs with them
    // unless SEED_DEMO=true says this production is a demo.
    if (opts.config.env === 'production' && !opts.config.demoAllowed) {
      const emails = Object.values(DEMO_USERS).map((u) => u.email)
      const found = await db.prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } })
      if (found.length > 0) {
        await db.close()
        throw new DemoDataInProductionError(
          `Refusing to start: this production database holds demo accounts whose password is published ` +
            `(${found.map((u) => u.email).join(', ')}). Delete those users, or set SEED_DEMO=true to run the demo in production.`,
        )
      }
    }
    fastify.decorate('db', db)
  },
  { name: 'database' },
)
