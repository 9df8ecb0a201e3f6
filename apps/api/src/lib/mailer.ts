import nodemailer from 'nodemailer'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
}

/** The one way the server sends e-mail (escalations today; invitations can use the same). */
export interface Mailer {
  sendMail(message: MailMessage): Promise<void>
  close(): void
}

/** SMTP through nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://` (implicit TLS). */
export function createMailer(settings: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(settings.url)
  return {
    async sendMail(message) {
      await transport.sendMail({ from: settings.from, ...message })
    },
    close: () => transport.close(),
  }
}
