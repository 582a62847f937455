/**
 * The SMTP transport (nodemailer) for `SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587`.
 * nodemailer is an optional peer of the package, loaded on the first send: a host that brings its
 * own `MailTransport` (or sends no mail) never needs it installed.
 */
import type { Transporter } from 'nodemailer';
import type { MailTransport } from './dispatcher.js';

export function smtpTransport(url: string, from: string): MailTransport {
  let transporter: Promise<Transporter> | undefined;
  const open = () => (transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url)));
  return {
    async send(mail) {
      await (
        await open()
      ).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.id}@org-danger-zone>`,
        headers: { 'X-ODZ-Outbox-Id': mail.id },
      });
    },
    close: () => void transporter?.then((t) => t.close()),
  };
}
