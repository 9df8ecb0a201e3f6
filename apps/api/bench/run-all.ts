/** Runs every benchmark in turn; each prints its figures and the machine. */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

const dir = import.meta.dirname
const tsx = path.resolve(dir, '../node_modules/.bin/tsx')
for (const script of ['startup.ts', 'escalate.ts', 'chat-first-byte.ts', 'fanout.ts']) {
  console.log(`\n== ${script}`)
  execFileSync(tsx, [path.join(dir, script)], { stdio: 'inherit', env: process.env })
}
