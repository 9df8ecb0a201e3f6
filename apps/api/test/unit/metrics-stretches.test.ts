import { describe, expect, it } from 'vitest'
import { addStretches, type Bucket, type StretchFigures } from '../../src/services/metrics/period-figures.ts'
import { SETTLED_MS, splitPeriod } from '../../src/services/metrics/split-period.ts'

const iso = (d: Date) => d.toISOString()

describe('splitPeriod', () => {
  const now = new Date('2026-12-04T21:36:00Z')
  const shown = ({ stored, live }: ReturnType<typeof splitPeriod>) => ({
    stored: stored.map((s) => `${s.hours}h@${iso(s.start)}`),
    live: live.map((r) => r.map(iso)),
  })

  it('covers whole past days and hours with a few aligned stretches, and reads the rest from the rows', () => {
    // Days since 1970: 20762 (11-05) + 2, 20764 + 4, 20768 + 16, 20784 + 4, 20788 + 2, 20790 + 1.
    expect(shown(splitPeriod(new Date('2026-11-04T21:36:00Z'), now, now))).toEqual({
      stored: [
        '2h@2026-11-04T22:00:00.000Z',
        '48h@2026-11-05T00:00:00.000Z',
        '96h@2026-11-07T00:00:00.000Z',
        '384h@2026-11-11T00:00:00.000Z',
        '96h@2026-11-27T00:00:00.000Z',
        '48h@2026-12-01T00:00:00.000Z',
        '24h@2026-12-03T00:00:00.000Z',
        // 21:00-22:00 is not over; 20:00-21:00 has been over for more than the settling time.
        '16h@2026-12-04T00:00:00.000Z',
        '4h@2026-12-04T16:00:00.000Z',
        '1h@2026-12-04T20:00:00.000Z',
      ],
      live: [
        ['2026-11-04T21:36:00.000Z', '2026-11-04T22:00:00.000Z'],
        ['2026-12-04T21:00:00.000Z', '2026-12-04T21:36:00.000Z'],
      ],
    })
  })

  it('stores an hour only once it has been over for the settling time', () => {
    const justAfter = new Date(new Date('2026-12-04T21:00:00Z').getTime() + SETTLED_MS - 1)
    expect(shown(splitPeriod(new Date('2026-12-04T19:00:00Z'), justAfter, justAfter))).toEqual({
      stored: ['1h@2026-12-04T19:00:00.000Z'],
      live: [['2026-12-04T20:00:00.000Z', iso(justAfter)]],
    })
  })

  it('keeps hours within their day', () => {
    expect(shown(splitPeriod(new Date('2026-05-01T16:00:00Z'), new Date('2026-05-02T08:00:00Z'), now)).stored).toEqual([
      '8h@2026-05-01T16:00:00.000Z',
      '8h@2026-05-02T00:00:00.000Z',
    ])
  })

  it('reads a period shorter than an hour from the rows, and covers every period exactly once', () => {
    const from = new Date('2026-05-01T10:59:00Z')
    expect(splitPeriod(from, new Date('2026-05-01T11:01:00Z'), now)).toEqual({ stored: [], live: [[from, new Date('2026-05-01T11:01:00Z')]] })
    const periods = [
      ['2026-05-01T00:00:00Z', '2026-05-06T00:00:00Z'],
      ['2026-05-01T12:30:00Z', '2026-05-03T00:00:00Z'],
      ['2026-05-01T00:00:00Z', '2026-05-01T05:00:00Z'],
      ['2025-12-04T21:36:00Z', '2026-12-04T21:36:00Z'],
    ]
    for (const [a, b] of periods) {
      const { stored, live } = splitPeriod(new Date(a!), new Date(b!), now)
      const pieces = [...stored.map((s) => [s.start.getTime(), s.start.getTime() + s.hours * 3_600_000]), ...live.map(([x, y]) => [x.getTime(), y.getTime()])]
      pieces.sort((x, y) => x[0]! - y[0]!)
      expect(pieces[0]![0]).toBe(new Date(a!).getTime())
      expect(pieces.at(-1)![1]).toBe(new Date(b!).getTime())
      for (let i = 1; i < pieces.length; i++) expect(pieces[i]![0]).toBe(pieces[i - 1]![1])
      // Aligned: n days at a multiple of n days since 1970; n hours at a multiple of n hours of the day.
      for (const s of stored) expect(s.hours >= 24 ? (s.start.getTime() / 3_600_000) % s.hours : s.start.getUTCHours() % s.hours).toBe(0)
    }
    // A year is a few stretches, not 365 days.
    expect(splitPeriod(new Date('2025-12-04T21:36:00Z'), now, now).stored.length).toBeLessThan(20)
  })
})

describe('addStretches', () => {
  const empty: StretchFigures = {
    escalations: 0, claimed: 0, continue: 0, ai_analysis: 0, own: 0, failures: 0, cancelled: 0, by_day: [],
    claim: [], assessment: [], declines: { not_my_area: 0, busy: 0, other: 0 },
    feedback: { rated: 0, useful: 0, wrong_cause: 0, missing_facts: 0, already_tried: 0 },
    sessions: 0, resolved: 0, resolve: [], root_causes: [], repeat: [],
  }
  /** The database's histogram of these values (metrics_histogram). */
  const histogram = (values: number[]): Bucket[] => {
    const buckets = new Map<number, Bucket>()
    for (const v of values) {
      const key = Math.floor(Math.log(v) / Math.log(1.02))
      const b = buckets.get(key)
      buckets.set(key, b ? [key, b[1] + 1, Math.min(b[2], v), Math.max(b[3], v)] : [key, 1, v, v])
    }
    return [...buckets.values()]
  }

  it('reads percentiles within 2% of the exact ones from histograms of many values, over several stretches', () => {
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const days = Array.from({ length: 30 }, () => Array.from({ length: 500 }, () => 60 + random() ** 2 * 3600))
    const sum = addStretches(days.map((values) => ({ ...empty, claim: histogram(values), resolve: histogram(values) })), new Date(0))
    const all = days.flat().sort((a, b) => a - b)
    for (const p of [0.5, 0.9]) {
      const exact = all[Math.ceil(p * all.length) - 1]!
      expect(Math.abs(sum.claim.discrete(p)! - exact) / exact).toBeLessThan(0.02)
      const h = (all.length - 1) * p
      const cont = all[Math.floor(h)]! + (h - Math.floor(h)) * (all[Math.ceil(h)]! - all[Math.floor(h)]!)
      expect(Math.abs(sum.resolve.continuous(p)! - cont) / cont).toBeLessThan(0.02)
    }
  })

  it('is exact where a bucket holds one or two values, and empty without any', () => {
    const sum = addStretches([{ ...empty, claim: histogram([60, 61]) }, { ...empty, claim: histogram([120]) }], new Date(0))
    expect([sum.claim.discrete(0), sum.claim.discrete(0.5), sum.claim.discrete(0.9)]).toEqual([60, 61, 120])
    expect(addStretches([empty], new Date(0)).claim.discrete(0.5)).toBeNull()
  })

  it('counts a repeat session where the period holds its earlier escalation there, not twice', () => {
    const from = new Date('2026-05-02T00:00:00Z')
    const later: StretchFigures = {
      ...empty,
      repeat: [
        ['2026-05-01T11:00:00.000Z', true, 'hardware', 3600], // escalated before the period: counts here
        ['2026-05-02T09:00:00.000Z', true, 'network', 600], // escalated earlier in the period: counted there
      ],
    }
    const sum = addStretches([{ ...empty, sessions: 1, resolved: 1, root_causes: [['network', 1]], resolve: histogram([7200]) }, later], from)
    expect({ sessions: sum.sessions, resolved: sum.resolved, causes: [...sum.rootCauses] }).toEqual({ sessions: 2, resolved: 2, causes: [['network', 1], ['hardware', 1]] })
    expect(sum.resolve.continuous(0)).toBe(3600)
  })
})
