import { canCancel, canDecline, canEscalate, canGiveFeedback, canHandBack, canReopen, canResolve, type HandoffFacts } from '@resolutionflow/shared/escalation-rules.ts'
import { describe, expect, it } from 'vitest'

/** The who-may rules the server enforces and the web follows, as one table. */
const jamie = { id: 'jamie', role: 'engineer' as const }
const sam = { id: 'sam', role: 'senior' as const }
const morgan = { id: 'morgan', role: 'admin' as const }
const other = { id: 'kim', role: 'engineer' as const }

const handoff = (over: Partial<HandoffFacts> = {}): HandoffFacts => ({
  status: 'pending',
  handed_off_by: { id: 'jamie' },
  target_user: null,
  claimed_by: null,
  handed_back_at: null,
  assessment_status: 'ready',
  ...over,
})
const claimedBySam = handoff({ status: 'claimed', claimed_by: { id: 'sam' } })
const open = { status: 'open' as const, created_by: { id: 'jamie' } }
const resolved = { ...open, status: 'resolved' as const }

describe('escalation rules', () => {
  it.each([
    ['cancel: the one who escalated, while pending', canCancel(jamie, handoff()), true],
    ['cancel: a senior', canCancel(sam, handoff()), false],
    ['cancel: once claimed', canCancel(jamie, claimedBySam), false],
    ['decline: any senior when sent to all', canDecline(sam, handoff()) && canDecline(morgan, handoff()), true],
    ['decline: the engineer', canDecline(jamie, handoff()), false],
    ['decline: a senior it was not sent to', canDecline(morgan, handoff({ target_user: { id: 'sam' } })), false],
    ['decline: its target', canDecline(sam, handoff({ target_user: { id: 'sam' } })), true],
    ['decline: once claimed', canDecline(morgan, claimedBySam), false],
    ['hand back: the claimer', canHandBack(sam, claimedBySam, open), true],
    ['hand back: another senior', canHandBack(morgan, claimedBySam, open), false],
    ['hand back: twice', canHandBack(sam, { ...claimedBySam, handed_back_at: 'x' }, open), false],
    ['hand back: a resolved session', canHandBack(sam, claimedBySam, resolved), false],
    ['escalate: the starter of an open session', canEscalate(jamie, open, null), true],
    ['escalate: the claimer', canEscalate(sam, open, claimedBySam), true],
    ['escalate: a resolved session', canEscalate(jamie, resolved, null) || canEscalate(sam, resolved, claimedBySam), false],
    ['escalate: a colleague', canEscalate(other, open, null), false],
    ['escalate: a senior who handed it back', canEscalate(sam, open, { ...claimedBySam, handed_back_at: 'x' }), false],
    ['resolve: the starter, nothing waiting', canResolve(jamie, open, claimedBySam), true],
    ['resolve: the claimer', canResolve(sam, open, claimedBySam), true],
    ['resolve: while an escalation waits', canResolve(jamie, open, handoff()), false],
    ['resolve: a senior who handed it back', canResolve(sam, open, { ...claimedBySam, handed_back_at: 'x' }), false],
    ['resolve: a colleague', canResolve(other, open, null), false],
    ['resolve: already resolved', canResolve(jamie, resolved, null), false],
    ['reopen: the starter', canReopen(jamie, resolved, null), true],
    ['reopen: an open session', canReopen(jamie, open, null), false],
    ['feedback: a senior on a written assessment', canGiveFeedback(sam, handoff()), true],
    ['feedback: the engineer', canGiveFeedback(jamie, handoff()), false],
    ['feedback: before the assessment', canGiveFeedback(sam, handoff({ assessment_status: 'pending' })), false],
  ])('%s → %s', (_, actual, expected) => {
    expect(actual).toBe(expected)
  })
})
