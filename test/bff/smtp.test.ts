/** Email delivery over a real SMTP server on loopback: exactly once per member and event, retried. */
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatchOutbox } from '../../bff/mail/dispatcher.js';
import { smtpTransport } from '../../bff/mail/smtp.js';
import { useTestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';
import { freePort, startSmtpServer } from '../helpers/smtp.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };

beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
});

const members = ['hank@example.com', 'mia@example.com', 'nina@example.com'];

async function deleteAndCancelHooli() {
  const hank = await bff.signIn('hank@example.com');
  expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
  expect((await bff.request(`/api/orgs/${ids.orgs.hooli}/deletion`, { method: 'DELETE', token: hank })).status).toBe(200);
}

describe('the mail dispatcher', () => {
  it('sends every member exactly one email per event, saying who, when, and whom to ask', async () => {
    const smtp = await startSmtpServer();
    const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, 'Danger Zone <dz@example.com>');
    try {
      await deleteAndCancelHooli();
      expect(await dispatchOutbox(bff.database.writer.db, { transport, now: bff.clock.now() })).toMatchObject({ sent: 6, failed: 0 });
      expect(await dispatchOutbox(bff.database.writer.db, { transport, now: bff.clock.now() })).toMatchObject({ sent: 0, failed: 0 });

      for (const email of members) {
        const mine = smtp.received.filter((m) => m.to.includes(email));
        expect(mine, email).toHaveLength(2);
        expect(mine.filter((m) => /^"Hooli XYZ" is scheduled for deletion on \d{4}-\d{2}-\d{2} /.test(m.subject ?? ''))).toHaveLength(1);
        expect(mine.filter((m) => m.subject === 'The deletion of "Hooli XYZ" was cancelled')).toHaveLength(1);
      }
      const scheduled = smtp.received.find((m) => m.to.includes('nina@example.com') && m.subject?.includes('scheduled'))!;
      const body = scheduled.raw.replace(/=\r?\n/g, '');
      expect(body).toContain('Hank Hooli <hank@example.com> scheduled the organization');
      expect(body).toMatch(/permanently deleted on \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
      expect(body).toContain('contact an owner');
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(6);

      const mailbox = (await (await bff.request('/api/demo/mailbox')).json()) as { messages: { sentAt: string | null }[] };
      expect(mailbox.messages.every((m) => m.sentAt !== null)).toBe(true);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });

  it('retries with backoff while the server is down, then delivers each message once', async () => {
    const port = await freePort();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, 'dz@example.com');
    await deleteAndCancelHooli();
    const first = await dispatchOutbox(bff.database.writer.db, { transport, now: bff.clock.now(), backoffMs: 30_000 });
    expect(first).toMatchObject({ sent: 0, failed: 6 });
    expect(first.failures.map((f) => f.attempts)).toEqual([1, 1, 1, 1, 1, 1]);

    const smtp = await startSmtpServer(port);
    try {
      // Not due yet: the backoff runs on the server's clock.
      expect(await dispatchOutbox(bff.database.writer.db, { transport, now: bff.clock.now() })).toMatchObject({ sent: 0, failed: 0 });
      bff.clock.advance(31_000);
      expect(await dispatchOutbox(bff.database.writer.db, { transport, now: bff.clock.now() })).toMatchObject({ sent: 6, failed: 0 });
      bff.clock.advance(3_600_000);
      expect(await dispatchOutbox(bff.database.writer.db, { transport, now: bff.clock.now() })).toMatchObject({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(6);
      for (const email of members) expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(2);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });
});
