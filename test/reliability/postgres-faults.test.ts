/**
 * Faults only a database server has (ODZ_TEST_DATABASE=postgres; skipped for the other engines):
 * the server restarted in the middle of a journey and of a purge, connections dropped under load,
 * and a statement cut off by `statement_timeout`. Each answers 503 `database_busy` with
 * `Retry-After` at worst, never a 500, writes nothing partial, and the BFF recovers by itself when
 * the server is back, without being restarted.
 */
import { spawn } from 'node:child_process';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { rows } from '../../bff/db/batch.js';
import { seedBulkOrg } from '../helpers/bulk-seed.js';
import { othersChecksum, rowsOf } from '../helpers/checksum.js';
import { tables as t } from '../helpers/tables.js';
import { postgresDatabase, testPostgresCluster } from '../helpers/test-database.js';
import { PASSWORD, startCluster, type Cluster } from './cluster.js';
import { record } from './report.js';

const clusters: Cluster[] = [];
afterAll(async () => {
  await Promise.all(clusters.map((c) => c.stop()));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks until the answer is not 503 (the BFF reconnects on its own), at most `withinMs`. */
async function untilServed(ask: () => Promise<Response>, withinMs = 30_000): Promise<{ response: Response; waitedMs: number; busy: number }> {
  const started = performance.now();
  let busy = 0;
  for (;;) {
    const response = await ask();
    if (response.status !== 503 || performance.now() - started > withinMs) return { response, waitedMs: Math.round(performance.now() - started), busy };
    busy++;
    await response.body?.cancel();
    await sleep(100);
  }
}

/** The test's own reads right after a restart: its pool's connections died with the server, the next ones are new. */
async function retried<T>(work: () => Promise<T>, withinMs = 30_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (performance.now() - started > withinMs) throw error;
      await sleep(100);
    }
  }
}

describe.skipIf(!postgresDatabase)('PostgreSQL faults', () => {
  it('restarted in the middle of a journey: 503 database_busy while it is down, never a 500, nothing partial; the journey then finishes', async () => {
    const server = testPostgresCluster();
    const cluster = await startCluster({ processes: 1 });
    clusters.push(cluster);
    const [bff] = cluster.servers as [Cluster['servers'][0]];
    const owner = await cluster.user('Restart Owner');
    const member = await cluster.user('Restart Member');
    const org = await cluster.org({
      name: 'Restart Co',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: member.id, role: 'member' },
      ],
    });
    const token = await cluster.signIn(bff, owner.email);
    expect((await cluster.request(bff, `/api/orgs/${org.id}/danger-zone`, { token })).status).toBe(200);
    const intent = (await (await cluster.request(bff, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token })).json()) as { intentId: string };
    const confirm = () =>
      cluster.request(bff, `/api/orgs/${org.id}/deletion`, {
        token,
        json: { intentId: intent.intentId, confirmName: org.name, password: PASSWORD, acknowledgements: ['other_members'] },
      });

    // A stream of state reads across the restart, as pages embedding the widget would make.
    const statuses: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const res = await cluster.request(bff, `/api/orgs/${org.id}/danger-zone`, { token });
        statuses.push(res.status);
        await res.body?.cancel();
        await sleep(20);
      }
    })();
    await sleep(200);
    // A crash, not a clean shutdown: connections cut, nothing flushed politely.
    await server.stop('immediate');
    const down = await confirm();
    const downBody = (await down.json()) as { error: { code: string } };
    const state = await cluster.request(bff, `/api/orgs/${org.id}/danger-zone`, { token });
    await server.start();
    const served = await untilServed(confirm);
    reading = false;
    await reader;

    expect([down.status, downBody.error.code, down.headers.get('retry-after')]).toEqual([503, 'database_busy', '1']);
    expect(state.status).toBe(503);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    // The confirmation refused while the server was down wrote nothing: the intent was still unused.
    expect(served.response.status, await served.response.clone().text()).toBe(202);
    const mails = await cluster.db
      .select()
      .from(t.outbox)
      .where(and(eq(t.outbox.organizationId, org.id), eq(t.outbox.event, 'org.deletion_initiated')));
    expect(mails).toHaveLength(2);
    const cancel = await cluster.request(bff, `/api/orgs/${org.id}/deletion`, { method: 'DELETE', token });
    expect(cancel.status).toBe(200);
    expect(cluster.logs()).not.toMatch(/unexpected error/);
    record(30, 'PostgreSQL restarted in the middle of a journey', [
      `The server was stopped (\`pg_ctl stop -m immediate\`, a crash) and started again while a page read the state every 20 ms: ${statuses.length} reads answered ` +
        `${statuses.filter((s) => s === 200).length} × 200 and ${statuses.filter((s) => s === 503).length} × 503 \`database_busy\`, no other status.`,
      'A confirmation while it was down got 503 `database_busy` with `Retry-After: 1` and wrote nothing; the same confirmation, retried, ' +
        `got 202 ${served.waitedMs} ms after the server started (${served.busy} more 503s meanwhile), without the BFF being restarted; one email per member, then the cancel got 200.`,
    ]);
  });

  it('connections dropped under load (pg_terminate_backend): 503 at worst, never a 500, then every request served', async () => {
    const server = testPostgresCluster();
    const cluster = await startCluster({ processes: 2 });
    clusters.push(cluster);
    const owner = await cluster.user('Dropped Owner');
    const org = await cluster.org({ name: 'Dropped Co', members: [{ userId: owner.id, role: 'owner' }] });
    const tokens = await Promise.all(cluster.servers.map((s) => cluster.signIn(s, owner.email)));
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    const statuses: number[] = [];
    let terminated = 0;
    try {
      for (let round = 0; round < 10; round++) {
        const requests = cluster.servers.flatMap((s, i) =>
          Array.from({ length: 10 }, (_, k) =>
            k % 5 === 0
              ? cluster.request(s, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: tokens[i]! })
              : cluster.request(s, `/api/orgs/${org.id}/danger-zone`, { token: tokens[i]! }),
          ),
        );
        await sleep(5);
        const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'org-danger-zone'`);
        terminated += killed.rowCount ?? 0;
        for (const res of await Promise.all(requests)) {
          statuses.push(res.status);
          await res.body?.cancel();
        }
      }
    } finally {
      await admin.end();
    }
    expect(statuses.filter((s) => ![200, 201, 503].includes(s))).toEqual([]);
    // Every process serves again on fresh connections.
    for (const [i, s] of cluster.servers.entries()) {
      expect((await untilServed(() => cluster.request(s, `/api/orgs/${org.id}/danger-zone`, { token: tokens[i]! }))).response.status).toBe(200);
    }
    expect(cluster.logs()).not.toMatch(/unexpected error/);
    record(31, 'PostgreSQL connections dropped under load', [
      `${terminated} server connections of the two BFF processes were terminated (\`pg_terminate_backend\`) in 10 rounds of 20 concurrent requests: ` +
        `${statuses.filter((s) => s < 300).length} answered 2xx, ${statuses.filter((s) => s === 503).length} answered 503 \`database_busy\`, none anything else; both processes then served on fresh connections.`,
    ]);
  });

  it('a statement past DATABASE_STATEMENT_TIMEOUT_MS is cut off: 503 database_busy, nothing written, then served', async () => {
    // A lock wait longer than the statement's limit: the statement timeout fires first.
    const cluster = await startCluster({ processes: 1, env: { DATABASE_BUSY_TIMEOUT_MS: '5000', DATABASE_STATEMENT_TIMEOUT_MS: '300' } });
    clusters.push(cluster);
    const [bff] = cluster.servers as [Cluster['servers'][0]];
    const owner = await cluster.user('Slow Owner');
    const leaver = await cluster.user('Slow Leaver');
    const org = await cluster.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: leaver.id, role: 'member' },
      ],
    });
    const token = await cluster.signIn(bff, leaver.email);
    const holder = new pg.Client({ connectionString: cluster.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select 1 from organization where id = $1 for update', [org.id]);
    const started = performance.now();
    const cut = await cluster.request(bff, `/api/orgs/${org.id}/leave`, { token, json: {} });
    const waited = Math.round(performance.now() - started);
    await holder.query('rollback');
    await holder.end();
    expect([cut.status, ((await cut.json()) as { error: { code: string } }).error.code]).toEqual([503, 'database_busy']);
    expect(
      await cluster.db
        .select()
        .from(t.member)
        .where(and(eq(t.member.organizationId, org.id), eq(t.member.userId, leaver.id))),
    ).toHaveLength(1);
    expect((await cluster.request(bff, `/api/orgs/${org.id}/leave`, { token, json: {} })).status).toBe(204);
    record(32, 'A PostgreSQL statement past its time limit', [
      `Another connection held the org's row; with \`DATABASE_STATEMENT_TIMEOUT_MS=300\` (and a 5 s lock wait) a leave was cut off after ${waited} ms and answered 503 \`database_busy\`; nothing was written, and once the row was free the same leave got 204.`,
    ]);
  });

  it('restarted in the middle of a purge: that run fails and says so, the next one finishes with every row counted once', async () => {
    const server = testPostgresCluster();
    const cluster = await startCluster({ processes: 1 });
    clusters.push(cluster);
    const target = await seedBulkOrg(cluster.database, 'Restarted Purge', 40_000, true);
    await seedBulkOrg(cluster.database, 'Bystander', 4_000, false);
    const db = cluster.db;
    const before = await othersChecksum(db, target);
    const initial = await rowsOf(db, target);
    const purge = (batch: number) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'bff/cli.ts', 'purge'], {
          env: { ...process.env, DATABASE_URL: cluster.databaseUrl, PURGE_BATCH_SIZE: String(batch), PURGE_LEASE_SECONDS: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        child.on('exit', (code) => resolve({ code, output }));
      });
    // Small batches, so the run is still deleting when the server goes away.
    const first = purge(20);
    const progress = async () => (await rows<{ removed: string }>(db, sql`select removed from purge_progress where organization_id = ${target}`))[0];
    for (let i = 0; i < 400 && !(await progress().catch(() => undefined)); i++) await sleep(25);
    await sleep(300);
    await server.stop('immediate');
    await sleep(300);
    await server.start();
    const interrupted = await first;
    const between = await retried(() => rowsOf(db, target));
    // The run that lost its server mid-batch reports the org failed (exit 1) and keeps the org row;
    // had it found the server back between two batches, it would have carried on to the end.
    expect([0, 1], interrupted.output).toContain(interrupted.code);
    if (interrupted.code === 1) {
      expect(interrupted.output).toContain(target);
      expect(between.organization).toBe(1);
    }
    await sleep(1100); // the failed run's lease lapses (it could not give it back: the server was gone)
    const second = await purge(1000);
    expect(second.code, second.output).toBe(0);
    const after = await rowsOf(db, target);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await othersChecksum(db, target)).toEqual(before);
    const [deleted] = await db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, target));
    const removed = (JSON.parse(deleted!.details!) as { removed: Record<string, number> }).removed;
    for (const [table, count] of Object.entries(initial)) {
      if (['purge_progress', 'deletion_intent', 'org_subscription', 'org_credits'].includes(table)) continue;
      expect(removed[table] ?? 0, table).toBe(count);
    }
    const seeded = Object.entries(initial)
      .filter(([k]) => k !== 'organization' && k !== 'purge_progress')
      .reduce((sum, [, n]) => sum + n, 0);
    const leftAfterCrash = Object.entries(between)
      .filter(([k]) => k !== 'organization' && k !== 'purge_progress')
      .reduce((sum, [, n]) => sum + n, 0);
    record(33, 'PostgreSQL restarted in the middle of a purge', [
      `The one-shot purge of an org of ${seeded.toLocaleString('en')} rows (20-row batches) lost its server mid-run (\`pg_ctl stop -m immediate\`, then start): ` +
        (interrupted.code === 1
          ? `it exited 1 naming the org as failed, with ${(seeded - leftAfterCrash).toLocaleString('en')} rows removed and the org row kept.`
          : 'it found the server back between two batches and carried on to the end.'),
      "The next run finished (exit 0): zero rows left, the other org's checksum unchanged, one `org.deleted` whose tally equals the seeded counts (nothing counted twice or missed).",
    ]);
  });
});
