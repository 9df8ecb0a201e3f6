#!/usr/bin/env node
/**
 * `pnpm start`: builds the web app, then runs the API server in this very process, so
 * whatever signal reaches the process the user started reaches the server.
 *
 * `npx pnpm start` puts npx, pnpm and a shell between the user and this script, and not
 * every one of them passes a SIGTERM on (npx exits and leaves its children running). So
 * this script also watches the processes it was started under: when one of them is gone,
 * the server shuts down as if it had received SIGTERM itself. Either way one `kill <pid>`
 * of what the user started stops everything, and the server's own handler closes it
 * gracefully (forced after 10 s).
 */
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ANCESTOR_POLL_MS = 500

// The layers a package runner puts between the user and us: `npx`/`npm exec`, pnpm, node, `sh -c`.
const LAUNCHER_LAYER = /^(\S*\/)?(node|npm|npx|pnpm)(\s|$)|^npm exec\b|^(\S*\/)?(sh|dash|bash)\s+-c\s/

/**
 * Parent, grandparent, … as long as they are launcher layers: that chain is "what the user
 * started". It stops below the user's own shell or a supervisor, so `nohup … &` in a shell
 * that then exits is not mistaken for a stop.
 */
function ancestors() {
  const chain = []
  let pid = process.ppid
  while (pid > 1 && chain.length < 16) {
    let line
    try {
      line = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim()
    } catch {
      break
    }
    const [, parent, args] = /^(\d+)\s+(.*)$/.exec(line) ?? []
    if (!args || !LAUNCHER_LAYER.test(args)) break
    chain.push(pid)
    pid = Number(parent)
  }
  return chain
}

/** Running, not merely unreaped: a killed parent whose own parent has not waited for it is a zombie. */
const alive = (pid) => {
  try {
    process.kill(pid, 0)
  } catch (err) {
    return err.code === 'EPERM'
  }
  try {
    // Linux: field 3 of /proc/<pid>/stat is the state; Z is a zombie (elsewhere kill(0) is all we know).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

// Read once, at start: by the time the server listens, one of them may already be gone.
const chain = ancestors()

/** Calls `onGone` once, when any process that started us has exited. */
function watchAncestors(onGone) {
  const timer = setInterval(() => {
    if (chain.some((pid) => !alive(pid)) || (chain.length > 0 && process.ppid === 1)) {
      clearInterval(timer)
      onGone()
    }
  }, ANCESTOR_POLL_MS)
  timer.unref()
  return () => clearInterval(timer)
}

async function build() {
  const vite = path.join(root, 'apps/web/node_modules/vite/bin/vite.js')
  const child = spawn(process.execPath, [vite, 'build'], { cwd: path.join(root, 'apps/web'), stdio: 'inherit' })
  // Stopped while building: stop the build too, and go no further.
  const stop = (signal) => () => {
    child.kill(signal)
    process.exit(1)
  }
  const handlers = { SIGINT: stop('SIGINT'), SIGTERM: stop('SIGTERM') }
  for (const [signal, handler] of Object.entries(handlers)) process.once(signal, handler)
  const unwatch = watchAncestors(handlers.SIGTERM)
  const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))))
  unwatch()
  for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler)
  if (code !== 0) process.exit(code)
}

await build()

// The server is TypeScript: tsx's loader, registered in this process (no second process to orphan).
// Resolved from the API package, whose dependency tsx is (a production install has no root devDependencies).
const tsxDir = path.dirname(createRequire(path.join(root, 'apps/api/package.json')).resolve('tsx/package.json'))
const { register } = await import(pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href)
register()
const { configOrExit, startServer } = await import(pathToFileURL(path.join(root, 'apps/api/src/server.ts')).href)
await startServer(configOrExit())
// server.ts handles SIGTERM (graceful close through close-with-grace, exit within 10 s); a vanished parent is the same request.
watchAncestors(() => process.kill(process.pid, 'SIGTERM'))
