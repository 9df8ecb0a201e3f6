import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/database.ts'
import { migrate, pendingMigrations } from '../../src/db/migrate.ts'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { loadConfig } from '../../src/config.ts'

/**
 * Migrations are written by hand (Prisma's schema engine cannot run offline), so this
 * proves they build exactly the tables, columns, types, nullability, keys, foreign keys
 * (targets and ON DELETE), enums and indexes that schema.prisma declares.
 */
const SCHEMA = path.resolve(import.meta.dirname, '../../../../prisma/schema.prisma')

const SQL_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp without time zone',
  Json: 'jsonb',
}

interface Field { name: string; type: string; optional: boolean; attrs: string }
interface Relation { fields: string[]; target: string; references: string[]; onDelete: string }
interface Model { name: string; fields: Field[]; blockAttrs: string[]; relations: Relation[] }

function parseSchema(text: string) {
  const enums = new Map<string, string[]>()
  const models: Model[] = []
  for (const m of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(m[1]!, m[2]!.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//')))
  }
  for (const m of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    const lines = m[2]!.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'))
    const fields: Field[] = []
    const blockAttrs: string[] = []
    for (const line of lines) {
      if (line.startsWith('@@')) {
        blockAttrs.push(line)
        continue
      }
      const [, name, type, mod, attrs] = line.match(/^(\w+)\s+(\w+)(\?|\[\])?\s*(.*)$/) ?? []
      if (!name || !type || mod === '[]') continue
      fields.push({ name, type, optional: mod === '?', attrs: attrs ?? '' })
    }
    models.push({ name: m[1]!, fields, blockAttrs, relations: [] })
  }
  const modelNames = new Set(models.map((m) => m.name))
  for (const model of models) {
    for (const f of model.fields.filter((f) => modelNames.has(f.type) && /fields:/.test(f.attrs))) {
      const list = (key: string) => f.attrs.match(new RegExp(`${key}: \\[([^\\]]+)\\]`))![1]!.split(',').map((c) => c.trim())
      // Prisma's defaults: a required relation restricts deletes, an optional one sets null.
      const onDelete = f.attrs.match(/onDelete: (\w+)/)?.[1] ?? (f.optional ? 'SetNull' : 'Restrict')
      model.relations.push({ fields: list('fields'), target: f.type, references: list('references'), onDelete })
    }
    model.fields = model.fields.filter((f) => !modelNames.has(f.type))
  }
  return { enums, models }
}

const listOf = (attr: string) => attr.match(/\[([^\]]+)\]/)![1]!.split(',').map((s) => s.trim())

let testDb: TestDatabase
let db: Database
beforeAll(async () => {
  testDb = await createTestDatabase()
  db = await openDatabase(loadConfig(testDb.env).database)
  await db.withConnection((sql) => migrate(sql))
})
afterAll(async () => {
  await db?.close()
  await testDb?.drop()
})

describe('prisma/migrations against schema.prisma', async () => {
  const schema = parseSchema(await fs.readFile(SCHEMA, 'utf8'))

  it('leaves nothing pending, and a second run applies nothing', async () => {
    expect(await db.withConnection((sql) => pendingMigrations(sql))).toEqual([])
    expect(await db.withConnection((sql) => migrate(sql))).toEqual({ applied: [] })
  })

  it('creates exactly the declared tables', async () => {
    const rows = await db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    )
    expect(rows.map((r) => r.table_name).sort()).toEqual(schema.models.map((m) => m.name).sort())
  })

  it('creates every enum with its values in order', async () => {
    const rows = await db.sql.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    )
    expect(Object.fromEntries(rows.map((r) => [r.typname, r.labels]))).toEqual(Object.fromEntries(schema.enums))
  })

  it.each(schema.models.map((m) => [m.name, m] as const))('%s: columns, types and nullability', async (name, model) => {
    const cols = await db.sql.query<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [name],
    )
    const actual = Object.fromEntries(
      cols.map((c) => [c.column_name, { type: c.data_type === 'USER-DEFINED' ? c.udt_name : c.data_type, nullable: c.is_nullable === 'YES' }]),
    )
    const expected = Object.fromEntries(
      model.fields.map((f) => [f.name, { type: schema.enums.has(f.type) ? f.type : SQL_TYPES[f.type], nullable: f.optional }]),
    )
    expect(actual).toEqual(expected)
  })

  it.each(schema.models.map((m) => [m.name, m] as const))('%s: foreign keys, their targets and ON DELETE', async (name, model) => {
    const ON_DELETE: Record<string, string> = { c: 'Cascade', r: 'Restrict', n: 'SetNull', a: 'NoAction', d: 'SetDefault' }
    const rows = await db.sql.query<{ target: string; cols: string[]; refs: string[]; deltype: string; updtype: string }>(
      `SELECT f.relname AS target, c.confdeltype AS deltype, c.confupdtype AS updtype,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(n, ord)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refs
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
       WHERE c.contype = 'f' AND t.relname = $1`,
      [name],
    )
    const key = (r: Relation) => `(${r.fields.join(',')}) -> ${r.target}(${r.references.join(',')}) ON DELETE ${r.onDelete}`
    const actual = rows.map((r) => key({ fields: r.cols, target: r.target, references: r.refs, onDelete: ON_DELETE[r.deltype]! })).sort()
    expect(actual).toEqual(model.relations.map(key).sort())
    // Prisma's default ON UPDATE is CASCADE for every relation.
    expect(rows.every((r) => r.updtype === 'c')).toBe(true)
  })

  it.each(schema.models.map((m) => [m.name, m] as const))('%s: primary key, unique and plain indexes', async (name, model) => {
    const indexes = await db.sql.query<{ indisprimary: boolean; indisunique: boolean; partial: boolean; cols: string[] }>(
      `SELECT i.indisprimary, i.indisunique, i.indpred IS NOT NULL AS partial,
              array_agg(a.attname::text ORDER BY k.ord) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE t.relname = $1
       GROUP BY i.indexrelid, i.indisprimary, i.indisunique, i.indpred`,
      [name],
    )
    const key = (kind: string, cols: string[]) => `${kind}(${cols.join(',')})`
    const actual = indexes
      // The partial unique index (one pending handoff per session) cannot be declared in schema.prisma.
      .filter((i) => !i.partial)
      .map((i) => key(i.indisprimary ? 'pk' : i.indisunique ? 'unique' : 'index', i.cols))
      .sort()
    const expected: string[] = []
    for (const f of model.fields) {
      if (/@id\b/.test(f.attrs)) expected.push(key('pk', [f.name]))
      if (/@unique\b/.test(f.attrs)) expected.push(key('unique', [f.name]))
    }
    for (const a of model.blockAttrs) {
      if (a.startsWith('@@id')) expected.push(key('pk', listOf(a)))
      if (a.startsWith('@@unique')) expected.push(key('unique', listOf(a)))
      if (a.startsWith('@@index')) expected.push(key('index', listOf(a)))
    }
    expect(actual).toEqual(expected.sort())
  })
})
