import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { createMailer, type Mailer } from '../../lib/mailer.ts'
import type { OutboundSettings } from '../../lib/outbound.ts'
import { loadVapidKeys, type VapidKeys } from '../../lib/vapid.ts'
import type { EscalationPolicy } from '../../services/organization/get-escalation-policy.ts'

/** What operations that notify people need to know about the server's channels. */
export interface NotifySettings {
  /** The escalation policy of an organization that set none. */
  escalationDefaults: EscalationPolicy
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
    const mailer = config.notify.email ? createMailer(config.notify.email) : null
    fastify.decorate('notify', {
      settings: { escalationDefaults: config.notify.escalationDefaults, emailEnabled: Boolean(mailer), publicUrl: config.publicUrl },
      mailer,
      vapid: await loadVapidKeys(fastify.db.prisma, config.notify),
      outbound: config.outbound,
      webhooks: config.webhooks,
    })
    fastify.addHook('onClose', async () => mailer?.close())
  },
  { name: 'notify', dependencies: ['database'] },
)
