/** The SMTP transport (nodemailer) for `SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587`. */
import nodemailer from 'nodemailer';
import type { MailTransport } from './dispatcher.js';

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.id}@org-danger-zone>`,
        headers: { 'X-ODZ-Outbox-Id': mail.id },
      });
    },
    close: () => transporter.close(),
  };
}
