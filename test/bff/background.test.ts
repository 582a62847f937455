/** The server's background jobs as the server runs them: the purge in its worker thread, mail over SMTP. */
import { expect, it } from 'vitest';
import { startBackgroundJobs } from '../../bff/jobs/background.js';
import type { LogEvent } from '../../bff/observability/logger.js';
import { useTestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';
import { rowsOf } from '../helpers/checksum.js';
import { startSmtpServer } from '../helpers/smtp.js';

const bff = useTestBff();

it('purges due orgs in the worker thread and sends the outbox over SMTP', async () => {
  const ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as { orgs: Record<string, string> };
  const hank = await bff.signIn('hank@example.com');
  expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
  const smtp = await startSmtpServer();
  const events: LogEvent[] = [];
  const jobs = startBackgroundJobs({
    database: bff.database,
    clock: bff.clock,
    purge: { intervalSeconds: 3600, leaseSeconds: 60, batchSize: 100 },
    mail: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'dz@example.com' },
    mailIntervalSeconds: 3600,
    logger: { log: (event) => events.push(event) },
  });
  try {
    await jobs.mail!.runNow();
    expect(smtp.received).toHaveLength(3);
    bff.clock.advance(8 * 86400e3);
    await jobs.purge!.runNow();
    expect((await rowsOf(bff.database.writer.db, ids.orgs.hooli!)).organization).toBe(0);
    expect(events.filter((e) => e.orgId === ids.orgs.hooli).map((e) => [e.event, e.level])).toEqual([
      ['purge.started', 'info'],
      ['purge.finished', 'info'],
    ]);
  } finally {
    await jobs.stop();
    await smtp.close();
  }
});
