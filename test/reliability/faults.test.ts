/**
 * Faults: a database held busy by another connection, and an SMTP server that is down while
 * deletions are scheduled through two processes.
 */
import { createClient } from '@libsql/client';
import { and, eq, isNull } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { postgresDatabase } from '../helpers/test-database.js';
import { freePort, startSmtpServer } from '../helpers/smtp.js';
import { PASSWORD, startCluster, type Cluster } from './cluster.js';
import { record } from './report.js';

const clusters: Cluster[] = [];
afterAll(async () => {
  await Promise.all(clusters.map((c) => c.stop()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Another connection holding what a leave must wait for, until released. SQLite: the database's
 * one write lock. PostgreSQL has no such lock (writers of different rows never wait for each
 * other): the org's row, which every transaction of ours about the org locks first.
 */
async function holdWriteLock(cluster: Cluster, orgId: string): Promise<{ what: string; release(): Promise<void> }> {
  if (postgresDatabase) {
    const holder = new pg.Client({ connectionString: cluster.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select 1 from organization where id = $1 for update', [orgId]);
    return {
      what: "the org's row (`select … for update`); lock_timeout 300 ms",
      async release() {
        await holder.query('rollback');
        await holder.end();
      },
    };
  }
  const holder = createClient({ url: cluster.databaseUrl });
  const lock = await holder.transaction('write');
  await lock.execute("insert into verification (id, identifier, value, expires_at, created_at, updated_at) values ('lock', 'lock', 'lock', 0, 0, 0)");
  return {
    what: 'the write lock; busy timeout 300 ms',
    async release() {
      await lock.rollback();
      holder.close();
    },
  };
}

describe('a database held busy', () => {
  it('answers 503 database_busy with Retry-After, writes nothing partial, and recovers by itself', async () => {
    const cluster = await startCluster({ processes: 1, env: { DATABASE_BUSY_TIMEOUT_MS: '300' } });
    clusters.push(cluster);
    const [server] = cluster.servers as [Cluster['servers'][0]];
    const owner = await cluster.user('Owner');
    const leaver = await cluster.user('Leaver');
    const org = await cluster.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: leaver.id, role: 'member' },
      ],
    });
    const token = await cluster.signIn(server, leaver.email);

    // Another connection takes the lock and keeps it, far longer than the busy timeout.
    const lock = await holdWriteLock(cluster, org.id);
    const started = performance.now();
    const busy = await cluster.request(server, `/api/orgs/${org.id}/leave`, { token, json: {} });
    const waited = performance.now() - started;
    const body = (await busy.json()) as { error: { code: string; message: string; retryAfter: number } };
    expect(busy.status).toBe(503);
    expect(body.error.code).toBe('database_busy');
    expect(busy.headers.get('retry-after')).toBe('1');
    // Reads go on beside the writer (WAL; PostgreSQL's MVCC).
    expect((await cluster.request(server, `/api/orgs/${org.id}/danger-zone`, { token })).status).toBe(200);
    await lock.release();

    // Nothing partial: still a member, no audit entry.
    const [membership] = await cluster.db
      .select()
      .from(t.member)
      .where(and(eq(t.member.organizationId, org.id), eq(t.member.userId, leaver.id)));
    expect(membership).toBeDefined();
    expect(await cluster.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id))).toHaveLength(0);
    // Recovers by itself: the same request now succeeds.
    const retried = await cluster.request(server, `/api/orgs/${org.id}/leave`, { token, json: {} });
    expect(retried.status, `${await retried.text()}\n${cluster.logs()}`).toBe(204);
    record(8, 'A database held busy', [
      `Another connection held ${lock.what}: a leave waited ${Math.round(waited)} ms and got 503 \`database_busy\` with \`Retry-After: 1\`.`,
      `Reads answered 200 meanwhile (${postgresDatabase ? 'MVCC' : 'WAL'}). Nothing was written (the membership and the audit log were untouched); once the lock was released the same request succeeded (204).`,
    ]);
  });
});

describe('SMTP down while deletions are scheduled', () => {
  it('loses no email and sends none twice once the server is back', async () => {
    const port = await freePort();
    const smtpPassword = 'smtp-canary-pw-55Zq';
    const cluster = await startCluster({
      processes: 2,
      env: {
        SMTP_URL: `smtp://mailer:${smtpPassword}@127.0.0.1:${port}`,
        MAIL_INTERVAL_SECONDS: '0.2',
        MAIL_BACKOFF_SECONDS: '0.3',
      },
    });
    clusters.push(cluster);
    const [p1, p2] = cluster.servers as [Cluster['servers'][0], Cluster['servers'][0]];
    const expected = new Map<string, number>();
    for (let i = 0; i < 4; i++) {
      const owner = await cluster.user(`Owner ${i}`);
      const members = [await cluster.user(`Member ${i}a`), await cluster.user(`Member ${i}b`)];
      const org = await cluster.org({
        name: `Mail Org ${i}`,
        members: [{ userId: owner.id, role: 'owner' }, ...members.map((m) => ({ userId: m.id, role: 'member' }))],
      });
      const server = i % 2 === 0 ? p1 : p2;
      const token = await cluster.signIn(server, owner.email);
      const intent = (await (await cluster.request(server, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token })).json()) as { intentId: string };
      const res = await cluster.request(server, `/api/orgs/${org.id}/deletion`, {
        token,
        json: { intentId: intent.intentId, confirmName: org.name, password: PASSWORD, acknowledgements: ['other_members'] },
      });
      expect(res.status).toBe(202);
      for (const u of [owner, ...members]) expected.set(`${u.email}|scheduled|${org.name}`, 0);
      if (i === 0) {
        expect((await cluster.request(server, `/api/orgs/${org.id}/deletion`, { method: 'DELETE', token })).status).toBe(200);
        for (const u of [owner, ...members]) expected.set(`${u.email}|cancelled|${org.name}`, 0);
      }
    }
    // Both dispatchers try and fail for a while.
    await sleep(1500);
    const failed = await cluster.db.select().from(t.outbox).where(isNull(t.outbox.sentAt));
    expect(failed).toHaveLength(expected.size);
    expect(failed.every((m) => m.attempts >= 1 && m.lastError !== null)).toBe(true);
    expect(failed.every((m) => !m.lastError!.includes(smtpPassword))).toBe(true);

    const smtp = await startSmtpServer(port);
    try {
      const deadline = Date.now() + 20_000;
      while (smtp.received.length < expected.size && Date.now() < deadline) await sleep(100);
      await sleep(1500); // long enough for a duplicate to show up, if there were one
      for (const mail of smtp.received) {
        const kind = mail.subject?.includes('cancelled') ? 'cancelled' : 'scheduled';
        const org = mail.subject?.match(/"([^"]+)"/)?.[1];
        const key = `${mail.to[0]}|${kind}|${org}`;
        expect(expected.has(key), key).toBe(true);
        expected.set(key, expected.get(key)! + 1);
      }
      expect([...expected.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(smtp.received.length);
      const unsent = await cluster.db.select().from(t.outbox).where(isNull(t.outbox.sentAt));
      expect(unsent).toHaveLength(0);
      expect(cluster.logs()).not.toContain(smtpPassword);
      const attempts = (await cluster.db.select({ attempts: t.outbox.attempts }).from(t.outbox)).map((m) => m.attempts);
      record(9, 'SMTP down while deletions are scheduled', [
        `4 deletions (and 1 cancel) scheduled through two processes while nothing listened on the SMTP port: ${expected.size} emails waited in the outbox, each tried ${
          Math.min(...attempts) === Math.max(...attempts) ? Math.min(...attempts) - 1 : `${Math.min(...attempts) - 1} to ${Math.max(...attempts) - 1}`
        } times without success (backoff doubling from 0.3 s).`,
        `Once the server came up, it received ${smtp.received.length} emails: each member exactly one per event, none twice (distinct Message-IDs), although both processes' dispatchers ran.`,
        'The SMTP password in SMTP_URL appeared in no log line and no stored error.',
      ]);
    } finally {
      await smtp.close();
    }
  });
});
