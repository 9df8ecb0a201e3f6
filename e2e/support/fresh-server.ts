import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/**
 * A second app server started by a test, on its own empty database and without demo data:
 * what an MSP sees on its first start (`demoData: true` seeds the demo accounts, for
 * e2e/bench). The same start script as the suite's server.
 */
export async function startFreshServer(port: number, { demoData = false }: { demoData?: boolean } = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const root = path.resolve(import.meta.dirname, '../..')
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'e2e/start-server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: String(demoData), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`fresh server exited with ${code}`))))
  const deadline = Date.now() + 120_000
  // Poll its health endpoint (a new embedded database takes a few seconds on a busy machine).
  for (;;) {
    const up = await Promise.race([
      fetch(`${url}/healthz`).then((r) => r.ok, () => false),
      exited,
    ])
    if (up) break
    if (Date.now() > deadline) throw new Error('fresh server did not start in 120 s')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
