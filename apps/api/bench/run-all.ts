/**
 * Runs every benchmark in turn; each prints its figures, their ratio to the ceiling measured
 * in the same run where it has one, and the machine. With DATABASE_URL (a Postgres server)
 * the Postgres-only ones run too, each on a throwaway database of that server.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

const dir = import.meta.dirname
const tsx = path.resolve(dir, '../node_modules/.bin/tsx')
const everywhere = ['startup.ts', 'escalate.ts', 'chat-first-byte.ts', 'fanout.ts']
const postgresOnly = ['claim.ts', 'escalate-ceiling.ts', 'replay.ts', 'history.ts']
for (const script of [...everywhere, ...(process.env.DATABASE_URL ? postgresOnly : [])]) {
  console.log(`\n== ${script}`)
  execFileSync(tsx, [path.join(dir, script)], { stdio: 'inherit', env: process.env })
}
