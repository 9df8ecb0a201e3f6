import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate } from '../support/fixtures.ts'

/**
 * Two seniors hammer one handoff with 200 concurrent claims, 20 times over. The conditional
 * UPDATE must let exactly one request write the claim. The loser's requests all get 409
 * naming the winner; the winner's other requests are the contract's idempotent repeat (200,
 * same claim), so every answer agrees on one winner and exactly one claim is recorded.
 */
const ROUNDS = 20
const CLAIMS = 200

let t: TestApp
let sam: string
let morgan: string
let jamie: string
beforeAll(async () => {
  t = await buildTestApp()
  ;[sam, morgan, jamie] = await Promise.all([t.login('sam'), t.login('morgan'), t.login('jamie')])
})
afterAll(() => t?.close())

describe('concurrent claims', () => {
  it(`leave exactly one winner, ${ROUNDS} rounds of ${CLAIMS} claims`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const session = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie }, payload: { title: `Race ${round}` } })
      const handoffId = (await escalate(t, jamie, session.json().session.id)).json().id as string

      const responses = await Promise.all(
        Array.from({ length: CLAIMS }, (_, i) => claim(t, i % 2 === 0 ? sam : morgan, handoffId, 'own')),
      )
      const row = await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId }, include: { claimedBy: true } })
      const winner = row.claimedBy!.name
      const winnerCookie = winner === 'Sam Patel' ? sam : morgan

      const statuses = responses.map((r) => r.statusCode)
      expect(statuses.filter((s) => s === 200)).toHaveLength(CLAIMS / 2)
      expect(statuses.filter((s) => s === 409)).toHaveLength(CLAIMS / 2)
      responses.forEach((r, i) => {
        const fromWinner = (i % 2 === 0 ? sam : morgan) === winnerCookie
        if (fromWinner) expect(r.json().claimed_by.name).toBe(winner)
        else expect(r.json()).toMatchObject({ code: 'HANDOFF_ALREADY_CLAIMED', message: `Already claimed by ${winner}`, claimed_by: { name: winner } })
      })
      // Exactly one claim was written: one event and one notification to the junior.
      expect(await t.app.db.prisma.event.count({ where: { type: 'handoff_claimed', payload: { path: ['handoff_id'], equals: handoffId } } })).toBe(1)
      expect(await t.app.db.prisma.notification.count({ where: { handoffId, kind: 'handoff_claimed' } })).toBe(1)
    }
  }, 300_000)
})
