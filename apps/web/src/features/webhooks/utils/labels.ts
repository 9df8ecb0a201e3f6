import type { WebhookEvent, WebhookKind } from '../api/types.ts'

export const KIND_LABELS: Record<WebhookKind, string> = {
  json: 'Generic JSON',
  teams: 'Microsoft Teams',
  slack: 'Slack',
}

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  handoff_created: 'New escalation',
  handoff_claimed: 'Escalation picked up',
  handoff_unclaimed_widened: 'Unclaimed, sent to everyone',
}

export const eventLabel = (type: string) => EVENT_LABELS[type as WebhookEvent] ?? type
