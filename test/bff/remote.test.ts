/**
 * A remote libSQL server (issue 13), through our Hrana-over-HTTP test server with sqld's rules:
 * each write transaction in at most three round trips and the state in one; reads never behind a
 * write; DATABASE_BUSY_TIMEOUT_MS honoured; sqld's refusals and network faults answered 503
 * `database_busy` with Retry-After and nothing partial; the purge without the PRAGMAs sqld refuses,
 * its lease given up when a run fails.
 */
import { createClient, type Transaction } from '@libsql/client';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as t from '../../bff/db/tables.js';
import { purgeDueOrgs, purgeOrg } from '../../bff/purge/purge.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import type { FaultKind } from '../helpers/hrana/server.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent, scheduleDeletion } from '../helpers/deletion.js';

// A short busy timeout (well under sqld's own 5 s queue) so the test sees ours, not the server's.
const bff = useTestBff({ DATABASE_BUSY_TIMEOUT_MS: 1500 }, { remote: true });
let ids: { users: Record<string, string>; orgs: Record<string, string> };
beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
  bff.hrana!.resetStats();
});

/** Runs `work` and says how many HTTP requests each of the streams it used took. */
async function roundTrips<T>(work: () => Promise<T>): Promise<{ result: T; total: number; longestStream: number }> {
  const server = bff.hrana!;
  server.resetStats();
  const result = await work();
  const perStream = [...server.stats.perStream.values()];
  return { result, total: server.stats.pipelineRequests, longestStream: Math.max(0, ...perStream) };
}

/** Another connection's open write transaction, holding SQLite's lock until `release()`. */
async function holdLockFromAnotherStream(): Promise<{ release(): Promise<void> }> {
  const other = createClient({ url: bff.url });
  const tx: Transaction = await other.transaction('write');
  await tx.execute({ sql: 'update organization set logo = logo where id = ?', args: [ids.orgs.globex!] });
  return {
    async release() {
      await tx.rollback();
      other.close();
    },
  };
}

/** Fails the `nth` request (1-based) the server receives from now on, with `kind`. */
function failRequest(nth: number, kind: FaultKind): void {
  const server = bff.hrana!;
  let seen = 0;
  const onRequest = () => {
    if (++seen === nth) {
      server.failNextRequests(1, kind);
      server.events.off('request', onRequest);
    }
  };
  server.events.on('request', onRequest);
}

describe('round trips', () => {
  it('the state is one round trip; every write transaction at most three', async () => {
    const hank = await bff.signIn('hank@example.com');
    const mia = await bff.signIn('mia@example.com');
    const grace = await bff.signIn('grace@example.com');
    const figures: Record<string, { total: number; longestStream: number }> = {};
    const measure = async (name: string, work: () => Promise<Response>, status: number) => {
      const { result, total, longestStream } = await roundTrips(work);
      expect(result.status, name).toBe(status);
      figures[name] = { total, longestStream };
    };
    await measure('state', () => bff.request(`/api/orgs/${ids.orgs.hooli}/danger-zone`, { token: hank }), 200);
    await measure('leave', () => bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} }), 204);
    await measure(
      'role change',
      () => bff.request(`/api/orgs/${ids.orgs.globex}/members/${ids.users.adam}/role`, { token: grace, json: { role: 'member' } }),
      200,
    );
    const { intent } = await createIntent(bff, ids.orgs.hooli!, hank);
    bff.clock.advance(10_000);
    await measure(
      'confirm deletion',
      () => confirmDeletion(bff, ids.orgs.hooli!, hank, { intentId: intent!.intentId, confirmName: 'Hooli XYZ', acknowledgements: ['other_members'] }),
      202,
    );
    await measure('cancel', () => bff.request(`/api/orgs/${ids.orgs.hooli}/deletion`, { method: 'DELETE', token: hank }), 200);
    const { token } = await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['delete:organizations'], now: new Date() });
    await measure('management delete', () => bff.request(`/api/v2/organizations/${ids.orgs.solo}`, { method: 'DELETE', token }), 204);

    expect(figures.state).toEqual({ total: 1, longestStream: 1 });
    for (const [name, { longestStream }] of Object.entries(figures)) expect(longestStream, name).toBeLessThanOrEqual(3);
  });

  it('the purge runs on a remote URL (none of the PRAGMAs sqld refuses), a batch in one round trip', async () => {
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    bff.clock.advance(8 * 86_400_000);
    const { result, longestStream } = await roundTrips(() =>
      purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'remote', batchSize: 2, ownConnection: true }),
    );
    expect(result.failed).toEqual([]);
    expect(result.purged.map((p) => p.orgId)).toContain(ids.orgs.hooli);
    // The claim and the last step are transactions (three); every batch between them is one.
    expect(longestStream).toBeLessThanOrEqual(3);
    const hooli = result.purged.find((p) => p.orgId === ids.orgs.hooli)!;
    expect(hooli.stats.batches).toBeGreaterThan(3);
  });
});

describe('reads and writes', () => {
  it('a read never waits behind a write: the state answers while this process’s write waits for the lock', async () => {
    const mia = await bff.signIn('mia@example.com');
    const holder = await holdLockFromAnotherStream();
    const waiting = bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} });
    await new Promise<void>((resolve) => bff.hrana!.events.once('lockWait', () => resolve()));
    let settled = false;
    void waiting.then(() => (settled = true));
    const state = await bff.request(`/api/orgs/${ids.orgs.globex}/danger-zone`, { token: mia });
    expect(state.status).toBe(200);
    expect(settled).toBe(false); // the write is still waiting
    await holder.release();
    expect((await waiting).status).toBe(204);
  });

  it('a write waiting longer than DATABASE_BUSY_TIMEOUT_MS answers 503 database_busy with Retry-After, writes nothing, and the next one goes through', async () => {
    const mia = await bff.signIn('mia@example.com');
    const holder = await holdLockFromAnotherStream();
    let busy: Response;
    try {
      // Answered while the other stream still holds the lock: the BFF gave up on its own deadline.
      busy = await bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} });
    } finally {
      await holder.release();
    }
    expect([busy.status, await errorCode(busy), busy.headers.get('retry-after')]).toEqual([503, 'database_busy', '1']);
    const [membership] = await bff.database.reader.db
      .select()
      .from(t.member)
      .where(and(eq(t.member.organizationId, ids.orgs.globex!), eq(t.member.userId, ids.users.mia!)));
    expect(membership).toBeDefined();
    expect((await bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} })).status).toBe(204);
  });
});

describe('remote errors', () => {
  for (const [kind, nth, label] of [
    ['network', 2, 'the connection reset as the transaction begins'],
    ['network', 3, 'the connection reset before the writes'],
    ['server-error', 3, 'a 500 from the server on the writes'],
    ['network', 4, 'the connection reset before COMMIT'],
  ] as const) {
    it(`${label}: 503 database_busy with Retry-After, and nothing of the leave was written`, async () => {
      const mia = await bff.signIn('mia@example.com');
      // Request 1 reads the viewer; 2 begins the transaction with its reads; 3 writes; 4 commits.
      failRequest(nth, kind);
      const res = await bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} });
      expect([res.status, await errorCode(res), res.headers.get('retry-after')]).toEqual([503, 'database_busy', '1']);
      const members = await bff.database.reader.db
        .select()
        .from(t.member)
        .where(and(eq(t.member.organizationId, ids.orgs.globex!), eq(t.member.userId, ids.users.mia!)));
      const audit = await bff.database.reader.db
        .select()
        .from(t.orgAuditLog)
        .where(and(eq(t.orgAuditLog.organizationId, ids.orgs.globex!), eq(t.orgAuditLog.action, 'member.left')));
      expect([members.length, audit.length]).toEqual([1, 0]);
      // The BFF recovers by itself: the retry succeeds.
      expect((await bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} })).status).toBe(204);
    });
  }

  it('a COMMIT whose answer is lost: 503, and the change is whole or absent, never half', async () => {
    const mia = await bff.signIn('mia@example.com');
    failRequest(4, 'lost-response');
    const res = await bff.request(`/api/orgs/${ids.orgs.globex}/leave`, { token: mia, json: {} });
    expect([res.status, await errorCode(res)]).toEqual([503, 'database_busy']);
    const members = await bff.database.reader.db
      .select()
      .from(t.member)
      .where(and(eq(t.member.organizationId, ids.orgs.globex!), eq(t.member.userId, ids.users.mia!)));
    const audit = await bff.database.reader.db
      .select()
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, ids.orgs.globex!), eq(t.orgAuditLog.action, 'member.left')));
    // Either it committed (left, and audited) or it did not (still a member, nothing audited).
    expect([
      [0, 1],
      [1, 0],
    ]).toContainEqual([members.length, audit.length]);
  });

  it('a purge run that fails gives its lease up: another runner finishes the org at once', async () => {
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    bff.clock.advance(8 * 86_400_000);
    // The claim (three requests: its reads, its write, COMMIT), then batches: fail the second batch.
    failRequest(5, 'network');
    await expect(purgeOrg(bff.database, ids.orgs.hooli!, { now: bff.clock.now(), holder: 'flaky', batchSize: 2, leaseMs: 3_600_000 })).rejects.toThrow();
    const [progress] = await bff.database.reader.db.select().from(t.purgeProgress).where(eq(t.purgeProgress.organizationId, ids.orgs.hooli!));
    // Released at once (an hour's lease would otherwise keep everyone else off the org).
    expect(progress === undefined || progress.leaseUntil.getTime() === 0).toBe(true);
    const other = await purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'steady', batchSize: 2 });
    expect(other.purged.map((p) => p.orgId)).toContain(ids.orgs.hooli);
  });
});
