/**
 * Time from starting the server process to /healthz answering 200, on a new and on an
 * existing embedded data folder. Run: npx tsx bench/startup.ts
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { machine } from './support.ts'

const apiDir = path.resolve(import.meta.dirname, '..')

async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const started = performance.now()
  const child = spawn(path.join(apiDir, 'node_modules/.bin/tsx'), ['src/server.ts'], {
    cwd: apiDir,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '', OPENAI_API_KEY: '' },
    stdio: 'ignore',
  })
  try {
    const deadline = started + 120_000
    while (performance.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)
      if (ok) return performance.now() - started
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error('server did not become healthy within 120 s')
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-bench-startup-'))
try {
  const fresh = await timeToHealthy(path.join(dir, 'data'), 18_401)
  const existing: number[] = []
  for (let i = 0; i < 3; i++) existing.push(await timeToHealthy(path.join(dir, 'data'), 18_402 + i))
  console.log(`start → /healthz, new data folder (migrate + seed): ${(fresh / 1000).toFixed(2)} s`)
  console.log(`start → /healthz, existing data folder: ${existing.map((v) => (v / 1000).toFixed(2)).join(' s, ')} s`)
  console.log(`machine: ${machine()}`)
} finally {
  await fs.rm(dir, { recursive: true, force: true })
}
