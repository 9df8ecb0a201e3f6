import nodemailer from 'nodemailer'

export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
}

/** The one way the server sends e-mail: invitations, escalations, their reminders. */
export interface Mailer {
  sendMail(message: MailMessage): Promise<void>
  close(): void
}

/** SMTP through nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://` (implicit TLS). */
export function createMailer(settings: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(settings.smtpUrl)
  return {
    async sendMail(message) {
      await transport.sendMail({ from: settings.from, ...message })
    },
    close: () => transport.close(),
  }
}
