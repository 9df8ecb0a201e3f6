import type { Assessment, HandoffResponse, HandoffTimelineEntry } from '@resolutionflow/shared/handoffs.ts'
import type { Message, Session, TaskItem } from '@resolutionflow/shared/sessions.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { isAnswering } from './answer-mark.ts'

/** Row shapes the operations load, and their mapping to the snake_case wire contract. */

const userRef = { select: { id: true, name: true } } as const

export const messageInclude = { author: userRef } satisfies Prisma.MessageInclude
export type MessageRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>

export const toWireMessage = (m: MessageRow): Message => ({
  id: m.id,
  session_id: m.sessionId,
  role: m.role,
  author: m.author,
  content: m.content,
  incomplete: m.incomplete,
  answering: isAnswering(m.answeringSince),
  created_at: m.createdAt.toISOString(),
})

export type TaskRow = Prisma.TaskItemGetPayload<object>

export const toWireTask = (t: TaskRow): TaskItem => ({
  id: t.id,
  session_id: t.sessionId,
  title: t.title,
  detail: t.detail,
  status: t.status,
  position: t.position,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
})

export const sessionInclude = {
  createdBy: userRef,
  resolvedBy: userRef,
  handoffs: { select: { status: true, handedBackAt: true }, orderBy: { createdAt: 'desc' }, take: 1 },
} satisfies Prisma.ChatSessionInclude
export type SessionRow = Prisma.ChatSessionGetPayload<{ include: typeof sessionInclude }>

export const toWireSession = (s: SessionRow): Session => ({
  id: s.id,
  title: s.title,
  created_by: s.createdBy,
  created_at: s.createdAt.toISOString(),
  last_activity_at: s.lastActivityAt.toISOString(),
  handoff_status: s.handoffs[0]?.status ?? null,
  handoff_handed_back_at: s.handoffs[0]?.handedBackAt?.toISOString() ?? null,
  status: s.status,
  resolved_at: s.resolvedAt?.toISOString() ?? null,
  resolved_by: s.resolvedBy,
  resolution_note: s.resolutionNote,
  root_cause: (s.rootCause as Session['root_cause']) ?? null,
})

export const handoffInclude = {
  // The session's status for the rules (a resolved session is not handed back), not for the wire.
  session: { select: { title: true, status: true } },
  handedOffBy: userRef,
  targetUser: userRef,
  claimedBy: userRef,
  cancelledBy: userRef,
  // Rows written at the same instant (an escalation's notifications) are ordered by id too, as the claim's statement does.
  declines: { include: { user: userRef }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  // Who each step of the timeline went to.
  notifications: {
    where: { kind: { in: ['handoff_created', 'handoff_renotified', 'handoff_widened'] } },
    select: { kind: true, user: userRef },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  },
} satisfies Prisma.HandoffInclude
export type HandoffRow = Prisma.HandoffGetPayload<{ include: typeof handoffInclude }>

export const toWireHandoff = (h: HandoffRow): HandoffResponse => ({
  id: h.id,
  session_id: h.sessionId,
  session_title: h.session.title,
  status: h.status,
  handed_off_by: h.handedOffBy,
  handed_off_by_name: h.handedOffBy.name,
  target_user: h.targetUser,
  note: h.note,
  created_at: h.createdAt.toISOString(),
  claimed_by: h.claimedBy,
  claimed_at: h.claimedAt?.toISOString() ?? null,
  claim_option: h.claimOption,
  assessment_status: h.assessmentStatus,
  assessment_error: h.assessmentError,
  assessed_at: h.assessedAt?.toISOString() ?? null,
  ai_assessment_data: (h.assessment as Assessment | null) ?? null,
  cancelled_by: h.cancelledBy,
  cancelled_at: h.cancelledAt?.toISOString() ?? null,
  cancel_note: h.cancelNote,
  handed_back_at: h.handedBackAt?.toISOString() ?? null,
  hand_back_note: h.handBackNote,
  declines: h.declines.map((d) => ({ user: d.user, reason: d.reason, note: d.note, created_at: d.createdAt.toISOString() })),
  timeline: toTimeline(h),
})

function toTimeline(h: HandoffRow): HandoffTimelineEntry[] {
  const to = (kind: string) => h.notifications.filter((n) => n.kind === kind).map((n) => n.user)
  const entries: HandoffTimelineEntry[] = [{ kind: 'sent', at: h.createdAt.toISOString(), to: to('handoff_created') }]
  if (h.renotifiedAt) entries.push({ kind: 'renotified', at: h.renotifiedAt.toISOString(), to: to('handoff_renotified') })
  if (h.widenedAt) entries.push({ kind: 'widened', at: h.widenedAt.toISOString(), to: to('handoff_widened') })
  if (h.claimedAt) entries.push({ kind: 'claimed', at: h.claimedAt.toISOString(), to: null })
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}
