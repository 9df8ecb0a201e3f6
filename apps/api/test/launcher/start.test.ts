import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

const repo = path.resolve(import.meta.dirname, '../../../..')

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/** Every process below `pid` (children, grandchildren, …). */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
  const children = new Map<number, number[]>()
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number)
    children.set(pp!, [...(children.get(pp!) ?? []), p!])
  }
  const all: number[] = []
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (all.push(c), walk(c)))
  walk(pid)
  return all
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The environment of a user's terminal: without what npm, pnpm and vitest add for their own children. */
const userEnvironment = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NPM_|PNPM_|VITEST|TINYPOOL|NODE_OPTIONS$|INIT_CWD$)/.test(k)))

describe("the README's start command", () => {
  let started: ChildProcess | null = null
  let left: number[] = []
  afterEach(async () => {
    // Whatever a failing run left behind: only processes this test started.
    for (const pid of left) if (alive(pid)) process.kill(pid, 'SIGKILL')
    if (started?.pid && alive(started.pid)) started.kill('SIGKILL')
  })

  it.each([
    ['SIGTERM', 'a supervisor or a terminal stops it'],
    ['SIGKILL', 'it is killed outright and can pass nothing on'],
  ] as const)('stops the whole tree within 10 s when %s reaches the process the user started (%s)', async (signal, _why) => {
    const port = await freePort()
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-start-'))
    const log = openSync(path.join(dataDir, 'start.log'), 'w')
    started = spawn('npx', ['-y', 'pnpm@10', 'start'], {
      cwd: repo,
      env: { ...userEnvironment(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development', DATABASE_URL: '', REDIS_URL: '' },
      stdio: ['ignore', log, log],
      // Its own process group, so the signal below goes to that one PID and nothing else.
      detached: true,
    })
    try {
      await until('the server to listen', () => portOpen(port), 150_000)
      left = descendants(started.pid!)
      expect(left.length).toBeGreaterThanOrEqual(2)

      const sentAt = Date.now()
      process.kill(started.pid!, signal)
      await until('the port to be free', async () => !(await portOpen(port)), 10_000)
      const freedMs = Date.now() - sentAt
      await until('every process of the tree to exit', () => left.every((pid) => !alive(pid)), Math.max(0, 10_000 - freedMs))
      expect(Date.now() - sentAt).toBeLessThan(10_000)
      console.info(`${signal}: port free after ${freedMs} ms, ${left.length} processes gone after ${Date.now() - sentAt} ms`)
    } catch (err) {
      console.error(await fs.readFile(path.join(dataDir, 'start.log'), 'utf8').catch(() => ''))
      console.error(execFileSync('ps', ['-e', '-o', 'pid,ppid,pgid,cmd'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('start')).join('\n'))
      throw err
    } finally {
      closeSync(log)
      await fs.rm(dataDir, { recursive: true, force: true })
    }
  }, 200_000)
})
