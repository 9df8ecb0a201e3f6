import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { createMailer, type Mailer } from '../../lib/mailer.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when SMTP_URL is not set: invitation links are then shown to copy instead. */
    mailer: Mailer | null
  }
}

export default fp(
  async (fastify, opts: { config: Config }) => {
    const { smtpUrl, mailFrom } = opts.config
    if (!smtpUrl) return void fastify.decorate('mailer', null)
    const mailer = createMailer({ smtpUrl, from: mailFrom })
    fastify.addHook('onClose', async () => mailer.close())
    fastify.decorate('mailer', mailer)
  },
  { name: 'mailer' },
)
