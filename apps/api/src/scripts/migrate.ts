import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'

const config = loadConfig()
const db = await openDatabase(config.database)
try {
  const { applied } = await db.withConnection((sql) => migrate(sql))
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
} finally {
  await db.close()
}
