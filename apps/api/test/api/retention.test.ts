import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../src/services/auth/sign-in.ts'
import pg from 'pg'
import { pruneStoredFigures } from '../../src/services/metrics/prune-stored-figures.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { usingPostgres } from '../support/test-database.ts'

/** The purge job: what is past its keeping time goes, the rest stays, and the next run is scheduled. */
describe('purge-old-rows', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ EVENT_RETENTION_DAYS: '7' })
  })
  afterAll(() => t?.close())

  it('deletes old events, long-read notifications, expired sign-ins, spent sign-in counts, hours of old days and unneeded metrics changes, keeps the rest, and runs again in an hour', async () => {
    const prisma = t.app.db.prisma
    const sam = await prisma.user.findUniqueOrThrow({ where: { email: 'senior@resolutionflow.example.com' } })
    const session = await prisma.chatSession.findFirstOrThrow({ where: { organizationId: sam.organizationId } })
    const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 60 * 60 * 1000)
    const event = (createdAt: Date) => prisma.event.create({ data: { organizationId: sam.organizationId, type: 'task_lane_updated', payload: { session_id: session.id }, createdAt } })
    const notification = (readAt: Date | null, createdAt: Date) =>
      prisma.notification.create({ data: { organizationId: sam.organizationId, userId: sam.id, sessionId: session.id, kind: 'handoff_created', title: 'Old', body: 'Old', readAt, createdAt } })
    const signIn = (expiresAt: Date) => prisma.authSession.create({ data: { tokenHash: hashToken(`token-${expiresAt.getTime()}`), userId: sam.id, expiresAt } })

    const [oldEvent, recentEvent] = [await event(daysAgo(8)), await event(daysAgo(6))]
    const [longRead, recentlyRead, oldUnread] = [await notification(daysAgo(91), daysAgo(100)), await notification(daysAgo(30), daysAgo(40)), await notification(null, daysAgo(200))]
    const [expired, valid] = [await signIn(daysAgo(1)), await signIn(daysAgo(-1))]
    // Failed sign-ins are counted per e-mail tried, real or not, within 15 minutes.
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60 * 1000)
    const count = (email: string, lastFailureAt: Date, lockedUntil: Date | null) =>
      prisma.loginThrottle.create({ data: { email, failures: 6, lastFailureAt, lockedUntil } })
    await count('spent@nowhere.example', minutesAgo(16), null)
    await count('ran-out@nowhere.example', minutesAgo(40), minutesAgo(20))
    await count('still-locked@nowhere.example', minutesAgo(20), minutesAgo(-10))
    await count('counting@nowhere.example', minutesAgo(5), null)

    // Team-metrics changes: of a stored day, twice (kept, once, until a read computes it again) and of one never stored.
    const day = new Date('2026-04-01T00:00:00Z')
    await prisma.metricsFigures.create({ data: { organizationId: sam.organizationId, hours: 24, start: day, figures: {} } })
    await prisma.metricsChange.createMany({
      data: [
        { organizationId: sam.organizationId, hours: 24, start: day },
        { organizationId: sam.organizationId, hours: 24, start: day },
        { organizationId: sam.organizationId, hours: 1, start: day },
        { organizationId: sam.organizationId, hours: 24, start: new Date('2026-04-02T00:00:00Z') },
      ],
    })
    // Hours of a day 41 days ago (with a change logged) and of one 39 days ago; a day long past.
    const hourOf = (d: number) => new Date(Math.floor(daysAgo(d).getTime() / 86_400_000) * 86_400_000 + 8 * 3_600_000)
    await prisma.metricsFigures.createMany({
      data: [
        { organizationId: sam.organizationId, hours: 4, start: hourOf(41), figures: {} },
        { organizationId: sam.organizationId, hours: 8, start: hourOf(39), figures: {} },
        { organizationId: sam.organizationId, hours: 24, start: daysAgo(400), figures: {} },
      ],
    })
    await prisma.metricsChange.create({ data: { organizationId: sam.organizationId, hours: 4, start: hourOf(41) } })

    // The boot run is done and its next run waits an hour: run one now, under another key.
    await t.app.jobs.schedule('purge-old-rows', {}, { singletonKey: 'now' })
    await t.app.jobs.idle()

    expect(await prisma.event.findMany({ where: { id: { in: [oldEvent.id, recentEvent.id] } }, select: { id: true } })).toEqual([{ id: recentEvent.id }])
    const left = await prisma.notification.findMany({ where: { id: { in: [longRead.id, recentlyRead.id, oldUnread.id] } }, select: { id: true } })
    expect(left.map((n) => n.id).sort()).toEqual([recentlyRead.id, oldUnread.id].sort())
    const signIns = await prisma.authSession.findMany({ where: { tokenHash: { in: [expired.tokenHash, valid.tokenHash] } }, select: { tokenHash: true } })
    expect(signIns).toEqual([{ tokenHash: valid.tokenHash }])
    const counts = await prisma.loginThrottle.findMany({ where: { email: { endsWith: '@nowhere.example' } }, select: { email: true }, orderBy: { email: 'asc' } })
    expect(counts.map((c) => c.email)).toEqual(['counting@nowhere.example', 'still-locked@nowhere.example'])

    expect(await prisma.metricsChange.findMany({ where: { organizationId: sam.organizationId }, select: { hours: true, start: true } })).toEqual([{ hours: 24, start: day }])
    const figures = await prisma.metricsFigures.findMany({ where: { organizationId: sam.organizationId }, select: { hours: true }, orderBy: { start: 'asc' } })
    expect(figures.map((f) => f.hours)).toEqual([24, 24, 8])

    // One next run waits, about an hour from now.
    const next = await t.app.db.sql.query<{ start_after: Date }>(`SELECT start_after FROM pgboss.job WHERE name = 'purge-old-rows' AND state = 'created'`)
    expect(next).toHaveLength(1)
    expect(new Date(next[0]!.start_after).getTime() - Date.now()).toBeGreaterThan(55 * 60 * 1000)
  })
})

/**
 * The purge beside a read storing metrics figures, on Postgres: a read storing a stretch holds
 * its organization's lock, and a change logged meanwhile to that stretch (not stored yet, as far
 * as anyone else can see) must stay, or the stretch would keep figures missing the change for
 * good. The purge leaves that organization to its next run, without waiting, and prunes the others.
 */
describe.skipIf(!usingPostgres())('purging metrics changes beside a read', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(() => t?.close())

  it('leaves the organization a read is storing figures for to its next run, and prunes the others at once', async () => {
    const prisma = t.app.db.prisma
    const [quiet, busy] = await Promise.all(
      ['metrics-race-a', 'metrics-race-b'].map((slug) => prisma.organization.create({ data: { id: slug, name: slug, slug } })),
    )
    const day = new Date('2026-03-02T00:00:00Z')
    await prisma.metricsChange.create({ data: { organizationId: quiet!.id, hours: 24, start: day } })

    const reader = new pg.Client({ connectionString: t.config.database.driver === 'postgres' ? t.config.database.url : '' })
    await reader.connect()
    try {
      // A read storing the busy organization's day, not committed yet, and a change to that day logged by a write committed now.
      await reader.query('BEGIN')
      await reader.query(`SELECT pg_advisory_xact_lock(hashtext('metrics-figures:' || $1::text))`, [busy!.id])
      await reader.query(`INSERT INTO "MetricsFigures" ("organizationId", "hours", "start", "figures") VALUES ($1, 24, $2, '{}')`, [busy!.id, day])
      await prisma.metricsChange.create({ data: { organizationId: busy!.id, hours: 24, start: day } })

      expect(await pruneStoredFigures(prisma)).toEqual({ hours: 0, changes: 1 }) // the quiet organization's, of a day never stored
      expect(await prisma.metricsChange.count({ where: { organizationId: quiet!.id } })).toBe(0)
      await reader.query('COMMIT')
      // Next run: the day is stored now, and the change it did not see stays for the next read.
      expect(await pruneStoredFigures(prisma)).toEqual({ hours: 0, changes: 0 })
      expect(await prisma.metricsChange.count({ where: { organizationId: busy!.id } })).toBe(1)
    } finally {
      await reader.end()
    }
  })
})
