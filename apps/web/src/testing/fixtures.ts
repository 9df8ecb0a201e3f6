import type { Notification } from '@resolutionflow/shared/notifications.ts'
import type { Message, Session, SessionDetailResponse, TaskItem } from '@resolutionflow/shared/sessions.ts'
import type { User } from '@resolutionflow/shared/users.ts'

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString()

export const jamie: User = {
  id: 'u-jamie',
  email: 'engineer@resolutionflow.example.com',
  name: 'Jamie Rivera',
  role: 'engineer',
  organization: { id: 'org-acme', name: 'Acme MSP' },
}

export const sam: User = {
  id: 'u-sam',
  email: 'senior@resolutionflow.example.com',
  name: 'Sam Patel',
  role: 'senior',
  organization: { id: 'org-acme', name: 'Acme MSP' },
}

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    title: 'Outlook keeps asking for a password',
    created_by: { id: jamie.id, name: jamie.name },
    created_at: at(0),
    last_activity_at: at(5),
    handoff_status: null,
    handoff_handed_back_at: null,
    status: 'open',
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
    root_cause: null,
    ...overrides,
  }
}

let messageCounter = 0
export function makeMessage(overrides: Partial<Message> = {}): Message {
  messageCounter += 1
  return {
    id: `m${messageCounter}`,
    session_id: 's1',
    role: 'user',
    author: { id: jamie.id, name: jamie.name },
    content: 'Hello',
    incomplete: false,
    answering: false,
    created_at: at(messageCounter % 60),
    ...overrides,
  }
}

export function makeTask(overrides: Partial<TaskItem> = {}): TaskItem {
  return {
    id: 't1',
    session_id: 's1',
    title: 'Clear cached credentials',
    detail: 'Open Credential Manager and remove the `MicrosoftOffice16` entries.',
    status: 'todo',
    position: 0,
    created_at: at(1),
    updated_at: at(1),
    ...overrides,
  }
}

export function makeDetail(overrides: Partial<SessionDetailResponse> = {}): SessionDetailResponse {
  return { session: makeSession(), messages: [], task_lane: [], handoff: null, ...overrides }
}

/** A bell notification of Jamie's escalation, unread, two minutes old. */
export function makeNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n1',
    kind: 'handoff_created',
    title: 'Jamie Rivera escalated a session',
    body: 'Outlook keeps asking for a password',
    actor: { id: 'u-jamie', name: 'Jamie Rivera' },
    session_id: 's1',
    handoff_id: 'h1',
    link: '/chat/s1?pickup=true',
    read: false,
    obsolete: false,
    created_at: new Date(Date.now() - 2 * 60_000).toISOString(),
    ...overrides,
  }
}
