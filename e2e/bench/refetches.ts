/**
 * Refetches per escalation: how many API reads the open tabs make because one junior
 * escalated (issue #14: the client asks for what an event changed, not for everything).
 *
 * Starts the app (built SPA, demo data, fresh in-memory database) on its own port, opens
 * BENCH_TABS tabs (default 20), each in its own browser context (its own live stream: one
 * profile would cap them at six HTTP/1.1 connections), signed in as the demo senior and
 * admin of Acme in turn, on the main screen. Then, BENCH_ROUNDS times (default 3), the demo
 * junior writes a session over the API (not counted), escalates it, and every GET to /api/
 * that any tab makes from the escalation until the tabs are quiet (at least 2 s, and the
 * assessment written) is counted, by URL with ids folded.
 *
 * Not part of the test run. From the repo root, after a build (the server reads the SPA at boot):
 *   npx -y pnpm@10 build && npx tsx e2e/bench/refetches.ts     # BENCH_TABS=20 BENCH_ROUNDS=3 BENCH_PORT=8131
 */
import os from 'node:os'
import fs from 'node:fs'
import path from 'node:path'
import { chromium, request, type Browser, type Page } from '@playwright/test'
import config from '../../playwright.config.ts'
import { PRINTER_PROBLEM, ResolutionFlowApi } from '../support/api.ts'
import { demoUsers } from '../support/demo-users.ts'
import { startFreshServer } from '../support/fresh-server.ts'

const TABS = Number(process.env.BENCH_TABS ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const PORT = Number(process.env.BENCH_PORT ?? 8131)
const MIN_WAIT_MS = 2_000
const QUIET_MS = 1_000
const seniors = [demoUsers.sam, demoUsers.morgan]

const dist = path.resolve(import.meta.dirname, '../../apps/web/dist/index.html')
if (!fs.existsSync(dist)) throw new Error('No built SPA: run `npx -y pnpm@10 build` first')

/** Ids folded, so a breakdown line is one kind of read, not one row. */
const readKind = (url: URL) =>
  `${url.pathname.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}/g, '/:id')}${url.search.replace(/(from|to)=[^&]+/g, '$1=…')}`

const isCountedRead = (method: string, url: URL) => method === 'GET' && url.pathname.startsWith('/api/') && url.pathname !== '/api/events'

/** Every counted read of every tab, stamped, so a window of time can be cut out of it. */
const reads: Array<{ at: number; kind: string }> = []

function record(page: Page) {
  page.on('request', (req) => {
    const url = new URL(req.url())
    if (isCountedRead(req.method(), url)) reads.push({ at: Date.now(), kind: readKind(url) })
  })
}

/** Until no tab has read anything for QUIET_MS (and at least `minMs` since `since`). */
async function quiet(since: number, minMs = 0) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const last = reads.at(-1)?.at ?? 0
    const now = Date.now()
    if (now - since >= minMs && now - Math.max(last, since) >= QUIET_MS) return
  }
}

async function openTab(browser: Browser, baseURL: string, index: number) {
  const user = seniors[index % seniors.length]!
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } })
  await new ResolutionFlowApi(context.request).signIn(user)
  const page = await context.newPage()
  record(page)
  const stream = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/events')
  await page.goto('/')
  await page.getByTestId('session-list').waitFor()
  await stream
  return page
}

const server = await startFreshServer(PORT, { demoData: true })
const browser = await chromium.launch(config.use?.launchOptions)
try {
  for (let i = 0; i < TABS; i += 1) await openTab(browser, server.url, i)
  const junior = await request.newContext({ baseURL: server.url })
  const jamie = new ResolutionFlowApi(junior)
  await jamie.signIn(demoUsers.jamie)

  const perRound: number[] = []
  const byKind = new Map<string, number>()
  for (let round = 1; round <= ROUNDS; round += 1) {
    // What comes before the escalation (the junior's session and chat) is not counted.
    const session = await jamie.createSession(`Reception printer offline (round ${round})`)
    await jamie.sendMessage(session.id, PRINTER_PROBLEM)
    await quiet(Date.now())

    const start = Date.now()
    const handoff = await jamie.escalate(session.id, 'Power-cycled it; still offline for everyone.')
    await jamie.waitForAssessment(handoff.id)
    await quiet(start, MIN_WAIT_MS)
    const counted = reads.filter((r) => r.at >= start)
    perRound.push(counted.length)
    for (const r of counted) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1)
    console.log(`round ${round}: ${counted.length} reads`)
  }

  const mean = perRound.reduce((a, b) => a + b, 0) / perRound.length
  console.log(`refetches per escalation with ${TABS} tabs: ${mean.toFixed(1)} (rounds: ${perRound.join(', ')})`)
  console.log('per URL, per escalation:')
  for (const [kind, n] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(`  ${(n / ROUNDS).toFixed(1).padStart(6)}  GET ${kind}`)
  console.log(`machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`)
  await junior.dispose()
} finally {
  await browser.close()
  await server.stop()
}
