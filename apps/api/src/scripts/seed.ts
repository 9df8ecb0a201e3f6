import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { seedDemoData } from '../db/seed-demo.ts'

// The seed command is the explicit ask that puts demo data into a Postgres server too.
const config = loadConfig()
const db = await openDatabase(config.database)
try {
  await db.withConnection((sql) => migrate(sql))
  const seeded = await seedDemoData(db.prisma)
  console.log(seeded ? 'Demo data seeded. Password for every demo user: TestPass123!' : 'Data already present: nothing seeded.')
} finally {
  await db.close()
}
