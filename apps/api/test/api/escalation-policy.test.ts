import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/database.ts'
import { runEscalationStep } from '../../src/services/handoffs/run-escalation-step.ts'
import { getEscalationPolicy } from '../../src/services/organization/get-escalation-policy.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate } from '../support/fixtures.ts'
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-database.ts'

/**
 * The escalation policy: an unclaimed handoff is sent again to the same seniors after
 * `renotify_after_s`, then to every senior and admin after `widen_after_s`. Short timers
 * here (2 s and 4 s); pg-boss polls every 2 s, so a step fires between its time and about
 * 2 s later.
 */
const RENOTIFY_S = 2
const WIDEN_S = 4
const SLACK_MS = 4_000
const timers = { ESCALATION_RENOTIFY_AFTER_S: String(RENOTIFY_S), ESCALATION_WIDEN_AFTER_S: String(WIDEN_S) }

async function seededSession(prisma: Database['prisma'], title: string) {
  const jamie = await prisma.user.findUniqueOrThrow({ where: { email: 'engineer@resolutionflow.example.com' } })
  const session = await prisma.chatSession.create({
    data: {
      organizationId: jamie.organizationId,
      createdById: jamie.id,
      title,
      messages: { create: [{ role: 'user', authorId: jamie.id, content: title }] },
    },
  })
  return session.id
}

const userId = (prisma: Database['prisma'], email: string) => prisma.user.findUniqueOrThrow({ where: { email } }).then((u) => u.id)
const SAM = 'senior@resolutionflow.example.com'
const MORGAN = 'teamadmin@resolutionflow.example.com'

/** Who got which notification about a handoff, and the step events written for it. */
async function stepsOf(prisma: Database['prisma'], handoffId: string) {
  const notifications = await prisma.notification.findMany({ where: { handoffId }, include: { user: { select: { name: true } } }, orderBy: { createdAt: 'asc' } })
  const events = (await prisma.event.findMany({ where: { type: { in: ['handoff_renotified', 'handoff_widened'] } }, orderBy: { id: 'asc' } })).filter(
    (e) => (e.payload as { handoff_id: string }).handoff_id === handoffId,
  )
  const byKind = (kind: string) => notifications.filter((n) => n.kind === kind).map((n) => n.user.name).sort()
  return {
    renotified: byKind('handoff_renotified'),
    widened: byKind('handoff_widened'),
    // In the order they were written (on two replicas both can be overdue when first looked at).
    events: events.map((e) => e.type),
  }
}

const handoffRow = (prisma: Database['prisma'], id: string) => prisma.handoff.findUniqueOrThrow({ where: { id } })

describe('escalation policy timers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp(timers)
  })
  afterAll(() => t?.close())

  it("reads the policy through one function: the organization's setting, unless the server overrides it", async () => {
    const prisma = t.app.db.prisma
    const org = await prisma.organization.findFirstOrThrow()
    expect(await getEscalationPolicy(prisma, org.id)).toEqual({ renotify_after_s: 300, widen_after_s: 900 })
    await prisma.organization.update({ where: { id: org.id }, data: { renotifyAfterS: 120, widenAfterS: 600 } })
    expect(await getEscalationPolicy(prisma, org.id)).toEqual({ renotify_after_s: 120, widen_after_s: 600 })
    expect(await getEscalationPolicy(prisma, org.id, t.app.notify.settings.escalationOverride)).toEqual({ renotify_after_s: RENOTIFY_S, widen_after_s: WIDEN_S })
    await prisma.organization.update({ where: { id: org.id }, data: { renotifyAfterS: 300, widenAfterS: 900 } })
  })

  it('re-notifies the same senior, then widens to every senior and admin, once each and on time; the timeline shows it', { timeout: 30_000 }, async () => {
    const prisma = t.app.db.prisma
    const jamie = await t.login('jamie')
    const samId = await userId(prisma, SAM)
    const sessionId = await seededSession(prisma, 'Shared mailbox not syncing on two laptops')
    const res = await escalate(t, jamie, sessionId, { target_user_id: samId, note: 'Tried re-adding it' })
    expect(res.statusCode).toBe(201)
    const handoff = res.json()
    expect(handoff.timeline).toEqual([{ kind: 'sent', at: handoff.created_at, to: [{ id: samId, name: 'Sam Patel' }] }])
    const renotified = t.app.jobs.settled('renotify-handoff', (d) => d.handoff_id === handoff.id)
    const widened = t.app.jobs.settled('widen-handoff', (d) => d.handoff_id === handoff.id)

    expect(await renotified).toBe('completed')
    expect(await stepsOf(prisma, handoff.id)).toEqual({ renotified: ['Sam Patel'], widened: [], events: ['handoff_renotified'] })
    expect(await widened).toBe('completed')
    expect(await stepsOf(prisma, handoff.id)).toEqual({
      renotified: ['Sam Patel'],
      widened: ['Morgan Lee', 'Sam Patel'],
      events: ['handoff_renotified', 'handoff_widened'],
    })

    const row = await handoffRow(prisma, handoff.id)
    const createdAt = row.createdAt.getTime()
    expect(row.renotifiedAt!.getTime() - createdAt).toBeGreaterThanOrEqual(RENOTIFY_S * 1000 - 50)
    expect(row.renotifiedAt!.getTime() - createdAt).toBeLessThan(RENOTIFY_S * 1000 + SLACK_MS)
    expect(row.widenedAt!.getTime() - createdAt).toBeGreaterThanOrEqual(WIDEN_S * 1000 - 50)
    expect(row.widenedAt!.getTime() - createdAt).toBeLessThan(WIDEN_S * 1000 + SLACK_MS)

    // The bell shows the reminders; the handoff screen's timeline lists the steps in order.
    const sam = await t.login('sam')
    const bell = (await t.app.inject({ url: '/api/notifications', headers: { cookie: sam } })).json()
    expect(bell.notifications.filter((n: { handoff_id: string }) => n.handoff_id === handoff.id).map((n: { kind: string }) => n.kind).sort()).toEqual([
      'handoff_created',
      'handoff_renotified',
      'handoff_widened',
    ])
    const morganId = await userId(prisma, MORGAN)
    const screen = (await t.app.inject({ url: `/api/handoffs/${handoff.id}`, headers: { cookie: sam } })).json()
    expect(screen.timeline).toEqual([
      { kind: 'sent', at: row.createdAt.toISOString(), to: [{ id: samId, name: 'Sam Patel' }] },
      { kind: 'renotified', at: row.renotifiedAt!.toISOString(), to: [{ id: samId, name: 'Sam Patel' }] },
      { kind: 'widened', at: row.widenedAt!.toISOString(), to: expect.arrayContaining([{ id: samId, name: 'Sam Patel' }, { id: morganId, name: 'Morgan Lee' }]) },
    ])

    // Claimed afterwards: the timeline ends with the claim.
    expect((await claim(t, sam, handoff.id)).statusCode).toBe(200)
    const claimed = (await t.app.inject({ url: `/api/handoffs/${handoff.id}`, headers: { cookie: sam } })).json()
    expect(claimed.timeline.map((e: { kind: string }) => e.kind)).toEqual(['sent', 'renotified', 'widened', 'claimed'])
    expect(claimed.timeline.at(-1)).toEqual({ kind: 'claimed', at: claimed.claimed_at, to: null })
  })

  it('sends nothing after a claim: both timers run and find the handoff picked up', { timeout: 30_000 }, async () => {
    const prisma = t.app.db.prisma
    const [jamie, sam] = [await t.login('jamie'), await t.login('sam')]
    const sessionId = await seededSession(prisma, 'Teams calls drop after 30 seconds')
    const handoff = (await escalate(t, jamie, sessionId)).json()
    const runs = Promise.all([
      t.app.jobs.settled('renotify-handoff', (d) => d.handoff_id === handoff.id),
      t.app.jobs.settled('widen-handoff', (d) => d.handoff_id === handoff.id),
    ])
    expect((await claim(t, sam, handoff.id)).statusCode).toBe(200)
    expect(await runs).toEqual(['completed', 'completed'])
    expect(await stepsOf(prisma, handoff.id)).toEqual({ renotified: [], widened: [], events: [] })
    const row = await handoffRow(prisma, handoff.id)
    expect([row.renotifiedAt, row.widenedAt]).toEqual([null, null])
  })

  it('runs a step once when its job runs twice at the same moment (a retry racing the first run)', async () => {
    const prisma = t.app.db.prisma
    const jamie = await t.login('jamie')
    const sessionId = await seededSession(prisma, 'Printer queue stuck on PRINT02')
    const handoff = (await escalate(t, jamie, sessionId)).json()
    // Three runs of the widen step before its timer is due.
    const deps = { prisma, bus: t.app.bus, jobs: t.app.jobs, notify: t.app.notify.settings }
    const outcomes = await Promise.all([1, 2, 3].map(() => runEscalationStep(deps, { handoffId: handoff.id, step: 'widen' })))
    expect(outcomes.sort()).toEqual(['done', 'skipped', 'skipped'])
    expect((await stepsOf(prisma, handoff.id)).events).toEqual(['handoff_widened'])
    // ... and the timer's own run later sends nothing more.
    await t.app.jobs.settled('widen-handoff', (d) => d.handoff_id === handoff.id)
    expect((await stepsOf(prisma, handoff.id)).events.filter((e) => e === 'handoff_widened')).toHaveLength(1)
  }, 30_000)

  it('re-notifies only the seniors who are still active', async () => {
    const prisma = t.app.db.prisma
    const jamie = await t.login('jamie')
    const sessionId = await seededSession(prisma, 'VPN drops every hour on the dot')
    const handoff = (await escalate(t, jamie, sessionId)).json()
    // Sent to Sam and Morgan; Sam leaves before the reminder (its run here, before its timer is due).
    await prisma.user.update({ where: { email: SAM }, data: { active: false } })
    try {
      const deps = { prisma, bus: t.app.bus, jobs: t.app.jobs, notify: t.app.notify.settings }
      expect(await runEscalationStep(deps, { handoffId: handoff.id, step: 'renotify' })).toBe('done')
      expect((await stepsOf(prisma, handoff.id)).renotified).toEqual(['Morgan Lee'])
    } finally {
      await prisma.user.update({ where: { email: SAM }, data: { active: true } })
    }
    await t.app.jobs.settled('renotify-handoff', (d) => d.handoff_id === handoff.id)
  }, 30_000)
})

describe('escalation policy across a restart', () => {
  let database: TestDatabase
  let dataDir: string | null = null
  beforeAll(async () => {
    if (usingPostgres()) database = await createTestDatabase()
    else {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rf-policy-'))
      database = { env: { DATA_DIR: dataDir }, drop: async () => {} }
    }
  })
  afterAll(async () => {
    await database?.drop()
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('fires both steps once, on time, when the server that escalated has stopped', { timeout: 120_000 }, async () => {
    const first = await buildTestApp({ ESCALATION_RENOTIFY_AFTER_S: '3', ESCALATION_WIDEN_AFTER_S: '6' }, { database })
    const sessionId = await seededSession(first.app.db.prisma, 'VPN drops every ten minutes')
    const handoff = (await escalate(first, await first.login('jamie'), sessionId)).json()
    // The assessment done, the two timers still waiting: the server stops.
    await first.app.jobs.idle()
    await first.close()

    const second = await buildTestApp({ SEED_DEMO: 'false' }, { database })
    try {
      const prisma = second.app.db.prisma
      await expect.poll(() => handoffRow(prisma, handoff.id).then((h) => h.widenedAt), { timeout: 30_000, interval: 100 }).not.toBeNull()
      // Not jobs.idle(): a job the first server was running when it closed can stay active
      // until its timeout; the steps are what this test is about.
      await expect.poll(() => stepsOf(prisma, handoff.id).then((s) => s.widened.length), { timeout: 5_000 }).toBe(2)
      const row = await handoffRow(prisma, handoff.id)
      expect(row.renotifiedAt!.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(3000 - 50)
      expect(row.widenedAt!.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(6000 - 50)
      expect(row.widenedAt!.getTime() - row.createdAt.getTime()).toBeLessThan(6000 + SLACK_MS + 3000)
      expect(await stepsOf(prisma, handoff.id)).toEqual({
        renotified: ['Morgan Lee', 'Sam Patel'],
        widened: ['Morgan Lee', 'Sam Patel'],
        events: ['handoff_renotified', 'handoff_widened'],
      })
    } finally {
      await second.close()
    }
  })
})

describe.skipIf(!usingPostgres())('escalation policy on two replicas', () => {
  let database: TestDatabase
  let a: TestApp
  let b: TestApp
  beforeAll(async () => {
    database = await createTestDatabase()
    a = await buildTestApp(timers, { database })
    b = await buildTestApp({ ...timers, SEED_DEMO: 'false' }, { database })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.drop()
  })

  it('runs each step of 20 escalations exactly once, whichever replica takes it', { timeout: 60_000 }, async () => {
    const ran = { a: 0, b: 0 }
    for (const [name, app] of [['a', a], ['b', b]] as const) {
      void app.app.jobs.settled('renotify-handoff', () => (ran[name]++, false))
      void app.app.jobs.settled('widen-handoff', () => (ran[name]++, false))
    }
    const cookies = { a: await a.login('jamie'), b: await b.login('jamie') }
    const ids = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const via = i % 2 === 0 ? a : b
        const sessionId = await seededSession(via.app.db.prisma, `Escalation ${i}: the file share is slow`)
        const res = await escalate(via, i % 2 === 0 ? cookies.a : cookies.b, sessionId)
        expect(res.statusCode).toBe(201)
        return res.json().id as string
      }),
    )
    const prisma = a.app.db.prisma
    await expect
      .poll(() => prisma.handoff.count({ where: { id: { in: ids }, widenedAt: { not: null }, renotifiedAt: { not: null } } }), { timeout: 30_000, interval: 200 })
      .toBe(20)
    await a.app.jobs.idle()
    await b.app.jobs.idle()
    expect(ran.a + ran.b).toBe(40)
    for (const id of ids) {
      const steps = await stepsOf(prisma, id)
      expect({ ...steps, events: steps.events.sort() }).toEqual({
        renotified: ['Morgan Lee', 'Sam Patel'],
        widened: ['Morgan Lee', 'Sam Patel'],
        events: ['handoff_renotified', 'handoff_widened'],
      })
    }
  })
})
