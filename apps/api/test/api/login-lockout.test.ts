import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/db/seed-demo.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { waitFor } from '../support/wait-for.ts'

let t: TestApp
const BASE_MS = 1_000
const MAX_MS = 4_000

beforeAll(async () => {
  // The per-IP limit is raised so only the per-account rule is at work here.
  t = await buildTestApp({ LOGIN_RATE_LIMIT: '10000', LOGIN_LOCKOUT_BASE_MS: String(BASE_MS), LOGIN_LOCKOUT_MAX_MS: String(MAX_MS) })
})
afterAll(() => t?.close())

const login = (email: string, password: string, ip = '10.1.1.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip })
const throttle = (email: string) => t.app.db.prisma.loginThrottle.findUnique({ where: { email } })

describe('per-account sign-in lock-out', () => {
  it('after 5 failures, even the right password waits; the lock runs out by itself and the count starts again', async () => {
    const email = DEMO_USERS.sam.email
    const answers = []
    // Five guesses from five addresses: the per-IP limit would never see them.
    for (let i = 0; i < 5; i++) answers.push((await login(email, `guess-${i}`, `10.2.0.${i}`)).json())
    expect(answers).toEqual(Array(5).fill({ code: 'INVALID_CREDENTIALS', message: 'Incorrect email or password' }))

    const locked = await login(email, DEMO_PASSWORD, '10.2.1.1')
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/Too many failed sign-ins for this account\. Try again in \d+ s\./) })
    // Another account is not affected.
    expect((await login(DEMO_USERS.jamie.email, DEMO_PASSWORD)).statusCode).toBe(200)

    const row = (await throttle(email))!
    expect(row.lockedUntil!.getTime() - row.lastFailureAt.getTime()).toBe(BASE_MS)
    const signedIn = await waitFor('the lock to run out', async () => ((await login(email, DEMO_PASSWORD)).statusCode === 200 ? true : null), BASE_MS + 3_000)
    expect(signedIn).toBe(true)
    // A success clears the count: five fresh failures are needed to lock again.
    expect(await throttle(email)).toBeNull()
  })

  it('backs off exponentially past the threshold, capped, and never locks for good', async () => {
    const email = DEMO_USERS.priya.email
    for (let i = 0; i < 5; i++) await login(email, 'wrong')
    const waits: number[] = []
    for (let i = 0; i < 3; i++) {
      const row = (await throttle(email))!
      waits.push(row.lockedUntil!.getTime() - row.lastFailureAt.getTime())
      await waitFor('the lock to run out', async () => ((await login(email, 'wrong')).statusCode === 401 ? true : null), MAX_MS + 3_000)
    }
    expect(waits).toEqual([BASE_MS, 2 * BASE_MS, 4 * BASE_MS])
    // Far past the threshold the wait stays at the cap.
    await t.app.db.prisma.loginThrottle.update({ where: { email }, data: { failures: 60, lockedUntil: null } })
    await login(email, 'wrong')
    const capped = (await throttle(email))!
    expect(capped.lockedUntil!.getTime() - capped.lastFailureAt.getTime()).toBe(MAX_MS)
    // A count whose last failure is older than the 15-minute window starts again from one.
    await t.app.db.prisma.loginThrottle.update({ where: { email }, data: { lastFailureAt: new Date(Date.now() - 16 * 60_000), lockedUntil: null } })
    expect((await login(email, DEMO_PASSWORD)).statusCode).toBe(200)
  })

  it('counts a burst of parallel guesses before checking them: only 5 are ever checked', async () => {
    const email = DEMO_USERS.alex.email
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `parallel-${i}`, `10.3.0.${i}`)))
    const statuses = results.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(15)
  })

  it('treats an unknown e-mail exactly like a known one: same answers, same lock-out', async () => {
    const known = DEMO_USERS.morgan.email
    const unknown = 'nobody-here@resolutionflow.example.com'
    const run = async (email: string) => {
      const out = []
      for (let i = 0; i < 6; i++) {
        const res = await login(email, 'wrong-password')
        out.push({ status: res.statusCode, body: res.json() })
      }
      return out
    }
    const a = await run(known)
    const b = await run(unknown)
    expect(b).toEqual(a)
    expect(a.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 429])
  })

  it('answers an unknown e-mail in the same time as a wrong password for a known one', async () => {
    const timed = async (email: string) => {
      const start = performance.now()
      const res = await login(email, 'not-the-password')
      expect(res.statusCode).toBe(401)
      return performance.now() - start
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
    const known: number[] = []
    const unknown: number[] = []
    // Interleaved, under the lock-out threshold for each address (4 each of 3 known accounts).
    const accounts = [DEMO_USERS.jamie.email, DEMO_USERS.sam.email, DEMO_USERS.alex.email]
    await t.app.db.prisma.loginThrottle.deleteMany()
    for (let round = 0; round < 4; round++) {
      for (const [i, email] of accounts.entries()) {
        known.push(await timed(email))
        unknown.push(await timed(`unknown-${round}-${i}@example.com`))
      }
    }
    const [k, u] = [median(known), median(unknown)]
    console.info(`sign-in answer time, median of ${known.length}: known e-mail + wrong password ${k.toFixed(1)} ms, unknown e-mail ${u.toFixed(1)} ms`)
    // Both verify one argon2 hash with the same parameters: tens of milliseconds each. An unknown e-mail
    // that skipped the hash would answer in a few milliseconds, a tenth of the other; the bound leaves
    // room for a loaded 2-core machine, where one median has come out 1.6× the other.
    expect(Math.abs(k - u)).toBeLessThan(Math.max(15, 0.5 * Math.max(k, u)))
  })
})
