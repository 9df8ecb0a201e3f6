import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { SqlRunner } from './database.ts'

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../../prisma/migrations')

// Any constant works; it only has to be the same for every replica of this app.
const MIGRATION_LOCK_KEY = 7_245_118_221

export interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true })
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

/**
 * Applies `prisma/migrations/<name>/migration.sql` in order and records each in
 * `_prisma_migrations` as Prisma does (checksum = sha256 of the file), so the Prisma CLI
 * sees the same history. Prisma 7 has no offline `migrate deploy`; this is it. Runs under
 * an advisory lock so replicas booting together apply each migration once; re-running
 * applies nothing. A migration edited after it was applied stops the boot.
 */
export async function migrate(sql: SqlRunner, dir = MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(dir)
  await sql.exec(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`)
  await sql.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
  try {
    const done = await sql.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    const applied: string[] = []
    for (const m of migrations) {
      const previous = done.find((d) => d.migration_name === m.name)
      if (previous) {
        if (previous.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied; write a new migration instead.`)
        }
        continue
      }
      // One transaction per migration: a failing file leaves nothing half-applied.
      await sql.exec(`BEGIN;\n${m.sql}\n;\nINSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
        VALUES ('${randomUUID()}', '${m.checksum}', now(), '${m.name.replaceAll("'", "''")}', 1);\nCOMMIT;`).catch(async (err) => {
        await sql.exec('ROLLBACK').catch(() => {})
        throw new Error(`Migration ${m.name} failed`, { cause: err })
      })
      applied.push(m.name)
    }
    return { applied }
  } finally {
    await sql.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
  }
}

/** Names of migrations in the folder that the database has not applied (empty: migrated). */
export async function pendingMigrations(sql: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir)
  const rows = await sql.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  )
  const done = new Set(rows.map((r) => r.migration_name))
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name)
}
