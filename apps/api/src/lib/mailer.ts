import nodemailer from 'nodemailer'

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>
}

/** Outgoing e-mail over SMTP (`smtp://user:pass@host:587`, `smtps://…` for implicit TLS). */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(options.smtpUrl)
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message })
    },
    close: () => transport.close(),
  }
}
