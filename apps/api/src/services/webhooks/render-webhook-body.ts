import type { HandoffResponse } from '@resolutionflow/shared/handoffs.ts'
import type { WebhookEventType, WebhookKind } from '@resolutionflow/shared/webhooks.ts'

export interface WebhookMessage {
  deliveryId: string
  event: WebhookEventType | 'test'
  createdAt: Date
  handoff: Pick<HandoffResponse, 'id' | 'session_id' | 'session_title' | 'status' | 'handed_off_by' | 'note' | 'created_at' | 'claimed_by' | 'claimed_at' | 'claim_option'>
  /** Absolute link to the pickup screen. */
  link: string
}

const headline = (m: WebhookMessage) => {
  const who = m.handoff.handed_off_by.name
  switch (m.event) {
    case 'handoff_created':
      return `${who} escalated "${m.handoff.session_title}"`
    case 'handoff_claimed':
      return `${m.handoff.claimed_by?.name ?? 'A senior'} picked up "${m.handoff.session_title}"`
    case 'handoff_unclaimed_widened':
      return `Still unclaimed, now sent to every senior: "${m.handoff.session_title}" from ${who}`
    case 'test':
      return 'Test message from ResolutionFlow: this webhook works'
  }
}

/**
 * The body of one delivery, in the webhook's format: generic JSON (`{id, type, created_at,
 * data: {handoff, link}}`), a Microsoft Teams MessageCard (incoming-webhook connector), or
 * a Slack incoming-webhook message (`text` plus blocks). Rendered once and stored, so
 * every retry sends, and signs, the same bytes.
 */
export function renderWebhookBody(kind: WebhookKind, m: WebhookMessage): string {
  const title = headline(m)
  const note = m.handoff.note ? `Note: ${m.handoff.note}` : null
  if (kind === 'teams') {
    return JSON.stringify({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: title,
      themeColor: m.event === 'handoff_claimed' ? '2E7D32' : 'C62828',
      title,
      text: note ?? m.handoff.session_title,
      sections: [{ facts: [{ name: 'Escalated by', value: m.handoff.handed_off_by.name }, { name: 'Status', value: m.handoff.status }] }],
      potentialAction: [{ '@type': 'OpenUri', name: 'Open in ResolutionFlow', targets: [{ os: 'default', uri: m.link }] }],
    })
  }
  if (kind === 'slack') {
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    return JSON.stringify({
      text: `${title} ${m.link}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${escape(title)}*${note ? `\n${escape(note)}` : ''}` } },
        {
          type: 'actions',
          elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in ResolutionFlow' }, url: m.link }],
        },
      ],
    })
  }
  return JSON.stringify({
    id: m.deliveryId,
    type: m.event,
    created_at: m.createdAt.toISOString(),
    data: { handoff: m.handoff, link: m.link },
  })
}
