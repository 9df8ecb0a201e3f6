import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import { ConfigError, ENV_VARIABLES, loadConfig } from '../../src/config.ts'

const run = promisify(execFile)
const apiDir = path.resolve(import.meta.dirname, '../..')

describe('configuration', () => {
  it('is documented: every variable the server reads appears in .env.example', () => {
    const example = fs.readFileSync(path.resolve(apiDir, '../../.env.example'), 'utf8')
    const documented = new Set([...example.matchAll(/^# ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]))
    expect(ENV_VARIABLES.filter((name) => !documented.has(name))).toEqual([])
    expect(ENV_VARIABLES).toContain('DATABASE_URL')
  })

  it('defaults to the embedded database, port 8000 and demo data', () => {
    const config = loadConfig({})
    expect(config.port).toBe(8000)
    expect(config.database.driver).toBe('pglite')
    expect(config.seedDemo).toBe(true)
    expect(config.redisUrl).toBeUndefined()
  })

  it('uses Postgres with DATABASE_URL and then seeds nothing unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' })
    expect(config.database).toEqual({ driver: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/test', poolSize: 10 })
    expect(config.seedDemo).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true)
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ OPENAI_BASE_URL: 'ftp://models' }, 'OPENAI_BASE_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(new RegExp(`^\\s+${variable}:`, 'm'))
  })

  it('stops the server at boot with a message naming the bad variable', async () => {
    const err = await run(path.join(apiDir, 'node_modules/.bin/tsx'), ['src/server.ts'], {
      cwd: apiDir,
      env: { ...process.env, PORT: 'not-a-port', DATABASE_URL: '' },
    }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )
    expect(err).not.toBeNull()
    expect(err!.code).toBe(1)
    expect(err!.stderr).toContain('Invalid configuration')
    expect(err!.stderr).toMatch(/PORT: /)
  })
})
