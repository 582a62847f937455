/**
 * Observability (issue 19): one structured event per lifecycle step through a logger the host
 * replaces (the test BFF's, like a host's, collects them), and metrics in Prometheus text whose
 * gauges come from the database and whose counters come from what this process did.
 */
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../bff/db/batch.js';
import { startBackgroundJobs } from '../../bff/jobs/background.js';
import { outboxWatch } from '../../bff/observability/job-reports.js';
import { jsonLogger, type LogEvent } from '../../bff/observability/logger.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import { useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent, scheduleDeletion } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { orgs: Record<string, string>; users: Record<string, string> };
beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
  bff.logs.length = 0;
});

const sample = (text: string, line: string) => text.split('\n').find((l) => l.startsWith(line));

describe('structured logs', () => {
  it('a scheduled and a cancelled deletion, by a user and through the management API, are one event each', async () => {
    const hank = await bff.signIn('hank@example.com');
    const hooli = { id: ids.orgs.hooli!, name: 'Hooli XYZ' };
    const scheduled = await scheduleDeletion(bff, hooli, hank, ['other_members']);
    const { purgeAt } = (await scheduled.json()) as { purgeAt: string };
    expect((await bff.request(`/api/orgs/${hooli.id}/deletion`, { method: 'DELETE', token: hank })).status).toBe(200);
    const { token, id: tokenId } = await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['delete:organizations'], now: new Date() });
    expect((await bff.request(`/api/v2/organizations/${hooli.id}`, { method: 'DELETE', token })).status).toBe(204);

    expect(bff.logs.map(({ event, level, orgId, via }) => ({ event, level, orgId, via }))).toEqual([
      { event: 'deletion.scheduled', level: 'info', orgId: hooli.id, via: 'user' },
      { event: 'deletion.cancelled', level: 'info', orgId: hooli.id, via: undefined },
      { event: 'deletion.scheduled', level: 'info', orgId: hooli.id, via: 'management_api' },
    ]);
    expect(bff.logs[0]).toMatchObject({ purgeAt, userId: ids.users.hank, impersonatedBy: null });
    expect(bff.logs[2]).toMatchObject({ tokenId });
  });

  it('the purge says when it starts and what it removed; a failed mail and webhook delivery each say why', async () => {
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    const events: LogEvent[] = [];
    const jobs = startBackgroundJobs({
      database: bff.database,
      clock: bff.clock,
      purge: { intervalSeconds: 0 },
      mail: { transport: { send: () => Promise.reject(new Error('SMTP 421 try later')) } },
      mailIntervalSeconds: 3600,
      webhooks: { endpoints: [{ url: 'http://user:secret@127.0.0.1:9/hooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }], intervalSeconds: 3600 },
      logger: { log: (event) => events.push(event) },
      metrics: bff.metrics,
    });
    try {
      await jobs.mail!.runNow();
      bff.clock.advance(8 * 86_400_000);
      await jobs.purge!.runNow();
      await jobs.webhooks!.runNow();
    } finally {
      await jobs.stop();
    }
    const mail = events.filter((e) => e.event === 'mail.failed');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0]).toMatchObject({ level: 'warn', attempts: 1, error: 'Error: SMTP 421 try later', mailEvent: 'org.deletion_initiated' });
    const purge = events.filter((e) => e.event.startsWith('purge.') && e.orgId === ids.orgs.hooli);
    expect(purge.map((e) => e.event)).toEqual(['purge.started', 'purge.finished']);
    expect(purge[1]).toMatchObject({ level: 'info', removed: expect.objectContaining({ organization: 1, member: 3 }) });
    expect(purge[1]!.rows).toBeGreaterThan(3);
    const hook = events.find((e) => e.event === 'webhook.failed');
    // The endpoint's credentials never reach the log.
    expect(hook).toMatchObject({ level: 'warn', endpoint: 'http://***@127.0.0.1:9/hooks', attempts: 1, status: null });
    expect(JSON.stringify(events)).not.toContain('secret@');

    const text = await bff.metrics.render(bff.database, bff.clock.now());
    expect(sample(text, 'odz_purge_orgs_total{outcome="purged"}')).toMatch(/ [1-9]\d*$/);
    expect(sample(text, 'odz_purge_rows_total{table="member"}')).toMatch(/ [1-9]\d*$/);
    expect(sample(text, 'odz_mail_failures_total')).toMatch(/ [1-9]\d*$/);
    expect(sample(text, 'odz_webhook_failures_total')).toMatch(/ [1-9]\d*$/);
    expect(sample(text, 'odz_purge_duration_seconds_count')).toMatch(/ [1-9]\d*$/);
  });

  it("the QA page's 'run the purge now' logs and counts like the background job", async () => {
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    bff.clock.advance(8 * 86_400_000);
    expect((await bff.request('/api/demo/purge', { method: 'POST' })).status).toBe(200);
    expect(bff.logs.filter((e) => e.orgId === ids.orgs.hooli && e.event.startsWith('purge.')).map((e) => e.event)).toEqual(['purge.started', 'purge.finished']);
  });

  it('warns once when the outbox backs up with no mailer, again only when it has doubled or an hour went by', async () => {
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    const events: LogEvent[] = [];
    const watch = outboxWatch(bff.database, { log: (e) => events.push(e) }, () => bff.clock.now());
    await watch(); // fresh emails: not a backlog yet
    expect(events).toEqual([]);
    bff.clock.advance(6 * 60_000);
    await watch();
    await watch();
    expect(events.map((e) => [e.event, e.level])).toEqual([['outbox.backlog', 'warn']]);
    expect(events[0]).toMatchObject({ oldestPendingSeconds: expect.any(Number), hint: expect.stringMatching(/SMTP_URL/) });
    bff.clock.advance(61 * 60_000);
    await watch();
    expect(events).toHaveLength(2);
  });

  it('the default logger writes one JSON line per event, a line break in a value stays inside it', () => {
    const lines: string[] = [];
    jsonLogger((line) => lines.push(line)).log({ event: 'purge.failed', level: 'error', error: 'a\nforged line' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split('\n')).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', event: 'purge.failed', error: 'a\nforged line', time: expect.any(String) });
  });
});

describe('metrics', () => {
  it('count rate-limit refusals, and read the pending orgs and the outbox from the database, in Prometheus text', async () => {
    const hank = await bff.signIn('hank@example.com');
    const hooli = ids.orgs.hooli!;
    const { intent } = await createIntent(bff, hooli, hank);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const before = sample(await bff.metrics.render(bff.database), 'odz_rate_limit_refusals_total{limit="confirmation"}');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await confirmDeletion(bff, hooli, hank, {
            intentId: intent!.intentId,
            confirmName: 'Hooli XYZ',
            password: 'wrong',
            acknowledgements: ['other_members'],
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const text = await bff.metrics.render(bff.database, bff.clock.now());
    const count = (line: string | undefined) => Number(line?.split(' ').at(-1) ?? 0);
    expect(count(sample(text, 'odz_rate_limit_refusals_total{limit="confirmation"}')) - count(before)).toBe(1);

    const [row] = await rows<{ pending: number; unsent: number }>(
      bff.database.reader.db,
      sql`select (select cast(count(*) as integer) from organization where status = 'pending_deletion') as pending, (select cast(count(*) as integer) from outbox where sent_at is null) as unsent`,
    );
    expect(sample(text, 'odz_orgs_pending_deletion ')).toBe(`odz_orgs_pending_deletion ${row!.pending}`);
    expect(sample(text, 'odz_outbox_pending ')).toBe(`odz_outbox_pending ${row!.unsent}`);
    // Every metric is declared before its samples.
    for (const name of ['odz_orgs_due_for_purge', 'odz_webhook_deliveries_pending', 'odz_purge_duration_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});
