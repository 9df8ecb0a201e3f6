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

/** A delivery's event; `test` is what "Send test" sends. */
export const eventLabel = (type: string) => (type === 'test' ? 'Test' : (EVENT_LABELS[type as WebhookEvent] ?? type))
