import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../support/app.ts'
import { usingPostgres } from '../support/test-database.ts'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true })
})

describe.skipIf(usingPostgres())('the embedded database in a data folder', () => {
  it('keeps data and sign-in sessions across a restart, and seeds only once', { timeout: 120_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-restart-'))
    dirs.push(dataDir)
    const env = { DATA_DIR: path.join(dataDir, 'nested', 'data') }

    const first = await buildTestApp(env)
    const cookie = await first.login('morgan')
    const created = await first.app.db.prisma.organization.count()
    await first.close()

    const second = await buildTestApp(env)
    try {
      const me = await second.app.inject({ url: '/api/me', headers: { cookie } })
      expect(me.statusCode).toBe(200)
      expect(me.json().user.name).toBe('Morgan Lee')
      expect(await second.app.db.prisma.organization.count()).toBe(created)
      expect(await second.app.db.prisma.user.count()).toBe(5)
    } finally {
      await second.close()
    }
  })
})
