import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import type { Mailer } from '../../lib/mailer.ts'
import type { OutboundSettings } from '../../lib/outbound.ts'
import { loadVapidKeys, type VapidKeys } from '../../lib/vapid.ts'
import type { EscalationPolicy } from '../../services/organization/get-escalation-policy.ts'

/** What operations that notify people need to know about the server's channels. */
export interface NotifySettings {
  /** Overrides every organization's escalation policy where set (ESCALATION_* variables). */
  escalationOverride: Partial<EscalationPolicy>
  /** SMTP is configured: escalations are e-mailed to those who want it. */
  emailEnabled: boolean
  /** Base of absolute links (the pickup screen) in e-mails, pushes and webhooks. */
  publicUrl: string
}

export interface Notify {
  settings: NotifySettings
  mailer: Mailer | null
  vapid: VapidKeys
  outbound: OutboundSettings
  webhooks: { retryBaseMs: number; retryMaxAgeS: number }
}

declare module 'fastify' {
  interface FastifyInstance {
    notify: Notify
  }
}

/** The channels beyond the bell: e-mail (SMTP), Web Push (VAPID keys), webhooks (outbound HTTP). */
export default fp(
  async (fastify, opts: { config: Config }) => {
    const { config } = opts
    // The mailer plugin's (SMTP_URL), shared with the invitations.
    const mailer = fastify.mailer
    // Links in e-mails and pushes are absolute: PUBLIC_URL, or where this server listens.
    const publicUrl = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`
    fastify.decorate('notify', {
      settings: { escalationOverride: config.notify.escalationOverride, emailEnabled: Boolean(mailer), publicUrl },
      mailer,
      vapid: await loadVapidKeys(fastify.db.prisma, config.notify),
      outbound: config.outbound,
      webhooks: config.webhooks,
    })
  },
  { name: 'notify', dependencies: ['database', 'mailer'] },
)
