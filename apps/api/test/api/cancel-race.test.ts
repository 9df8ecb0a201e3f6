import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { claim, escalate } from '../support/fixtures.ts'

/**
 * The junior cancels while a senior claims, 200 times. Both go through one conditional
 * UPDATE on `status = 'pending'`, so each round exactly one of them is written: the other
 * gets 409 HANDOFF_NOT_OPEN naming who won, and the row and the outbox agree with the answers.
 */
const ROUNDS = 200

let t: TestApp
let sam: string
let jamie: string
beforeAll(async () => {
  t = await buildTestApp()
  ;[sam, jamie] = await Promise.all([t.login('sam'), t.login('jamie')])
})
afterAll(() => t?.close())

describe('cancel racing claim', () => {
  it(`leaves exactly one winner in each of ${ROUNDS} rounds`, async () => {
    const wins = { cancel: 0, claim: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const session = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: jamie }, payload: { title: `Race ${round}` } })
      const handoffId = (await escalate(t, jamie, session.json().session.id)).json().id as string

      // Alternate who fires first, so both orders of arrival are exercised.
      const fire = [
        () => t.app.inject({ method: 'POST', url: `/api/handoffs/${handoffId}/cancel`, headers: { cookie: jamie }, payload: {} }),
        () => claim(t, sam, handoffId, 'own'),
      ]
      if (round % 2) fire.reverse()
      // The second starts a varying number of event-loop turns later: on the one-connection
      // embedded database the queries otherwise always interleave the same way.
      const first = fire[0]!()
      for (let turn = 0; turn < (round % 10) * 4; turn++) await nextTurn()
      const answers = await Promise.all([first, fire[1]!()])
      const [cancelled, claimed] = round % 2 ? [answers[1]!, answers[0]!] : [answers[0]!, answers[1]!]

      const row = await t.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoffId } })
      const events = await t.app.db.prisma.event.findMany({
        where: { type: { in: ['handoff_cancelled', 'handoff_claimed'] }, payload: { path: ['handoff_id'], equals: handoffId } },
      })
      expect(events).toHaveLength(1)
      if (row.status === 'cancelled') {
        wins.cancel++
        expect(cancelled.statusCode).toBe(200)
        expect(claimed.statusCode).toBe(409)
        expect(claimed.json()).toMatchObject({ code: 'HANDOFF_NOT_OPEN', message: 'Cancelled by Jamie Rivera' })
        expect(row.claimedById).toBeNull()
        expect(events[0]!.type).toBe('handoff_cancelled')
      } else {
        wins.claim++
        expect(row.status).toBe('claimed')
        expect(claimed.statusCode).toBe(200)
        expect(cancelled.statusCode).toBe(409)
        expect(cancelled.json()).toMatchObject({ code: 'HANDOFF_NOT_OPEN', message: 'Already claimed by Sam Patel' })
        expect(row.cancelledById).toBeNull()
        expect(events[0]!.type).toBe('handoff_claimed')
      }
    }
    console.log(`cancel vs claim, ${ROUNDS} rounds: cancel won ${wins.cancel}, claim won ${wins.claim}`)
    expect(wins.cancel + wins.claim).toBe(ROUNDS)
  }, 600_000)
})
