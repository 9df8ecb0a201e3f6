/**
 * The initial JavaScript of the built web app, gzipped: the entry script of dist/index.html
 * plus every chunk it preloads (what a first visit downloads before any lazy page).
 * Run after `pnpm build`: npx tsx apps/web/bench/initial-js.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = path.resolve(import.meta.dirname, '../dist')
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
const scripts = [
  ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
].map((m) => m[1]!)
let raw = 0
let gzip = 0
for (const src of new Set(scripts)) {
  const bytes = fs.readFileSync(path.join(dist, src.replace(/^\//, '')))
  const gz = gzipSync(bytes, { level: 9 }).length
  raw += bytes.length
  gzip += gz
  console.log(`${src}: ${(bytes.length / 1024).toFixed(1)} KB, gzip ${(gz / 1024).toFixed(1)} KB`)
}
console.log(`initial JS: ${(raw / 1024).toFixed(1)} KB, gzip ${(gzip / 1024).toFixed(1)} KB (goal: at most 150 KB gzip)`)
