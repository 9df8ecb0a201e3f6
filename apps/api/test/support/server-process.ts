import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import path from 'node:path'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'

/** A free port on 127.0.0.1, for a server that must be started on a known one. */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
  login(user: keyof typeof DEMO_USERS): Promise<string>
  /** fetch against the server, JSON in and out. */
  request(method: string, url: string, cookie: string, body?: unknown): Promise<{ status: number; json: any }>
}

/**
 * The real server (src/server.ts, as `start` runs it) in its own process, so a test can
 * `kill -9` it or send it SIGTERM. `env` is added to a test configuration with demo data.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'true',
      WEB_DIST_DIR: '/nonexistent',
      OFFLINE_STREAM_DELAY_MS: '0',
      ASSESSMENT_BACKOFF_MS: '10',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`)
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break
    if (Date.now() > deadline) throw new Error('server did not answer /healthz within 60 s')
    await new Promise((r) => setTimeout(r, 100))
  }

  const request = async (method: string, path: string, cookie: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : null }
  }
  return {
    url,
    child,
    exited,
    request,
    async login(user) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_USERS[user].email, password: DEMO_PASSWORD }),
      })
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
      return res.headers.getSetCookie()[0]!.split(';')[0]!
    },
  }
}
