import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { seedDemoData } from '../db/seed-demo.ts'
import { JobQueue } from '../lib/job-queue.ts'

// The seed command is the explicit ask that puts demo data into a Postgres server too.
const config = loadConfig()
const db = await openDatabase(config.database)
try {
  await db.withConnection((sql) => migrate(sql))
  // The demo escalation sends its assessment job: the server's workers run it.
  const jobs = new JobQueue(db, config.jobs, (err) => console.error(err))
  await jobs.start()
  const seeded = await seedDemoData(db.prisma, jobs).finally(() => jobs.stop())
  console.log(seeded ? 'Demo data seeded. Password for every demo user: TestPass123!' : 'Data already present: nothing seeded.')
} finally {
  await db.close()
}
