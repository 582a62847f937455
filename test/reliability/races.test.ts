/**
 * Two real BFF processes over one libSQL file (WAL): the races of issue 6, each checked against
 * the orders in which the two requests could have happened one at a time, and against the audit.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../../bff/db/batch.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { isOwnerRole } from '../../bff/db/owner-role-sql.js';
import { newId } from '../../bff/ids.js';
import { PASSWORD, startCluster, type Cluster } from './cluster.js';
import { record } from './report.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ processes: 2, env: { DEMO: '1' } });
});
afterAll(async () => {
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const owners = async (orgId: string) =>
  (
    await cluster.db
      .select()
      .from(t.member)
      .where(and(eq(t.member.organizationId, orgId), isOwnerRole(t.member.role)))
  ).length;
const auditActions = async (orgId: string) =>
  (await cluster.db.select({ action: t.orgAuditLog.action }).from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, orgId)).orderBy(t.orgAuditLog.id)).map(
    (r) => r.action,
  );

describe('races across two BFF processes', () => {
  it('the last two owners leave at the same moment through different processes, 200 trials: exactly one succeeds, an owner remains', async () => {
    const [p1, p2] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
    const a = await cluster.user('Owner A');
    const b = await cluster.user('Owner B');
    const m = await cluster.user('Member');
    const [ta, tb] = [await cluster.signIn(p1, a.email), await cluster.signIn(p2, b.email)];
    const wins = { A: 0, B: 0 };
    const started = Date.now();
    for (let trial = 0; trial < 200; trial++) {
      const org = await cluster.org({
        members: [
          { userId: a.id, role: 'owner' },
          { userId: b.id, role: 'owner' },
          { userId: m.id, role: 'member' },
        ],
      });
      const [ra, rb] = await Promise.all([
        cluster.request(p1, `/api/orgs/${org.id}/leave`, { token: ta, json: {} }),
        cluster.request(p2, `/api/orgs/${org.id}/leave`, { token: tb, json: {} }),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([204, 409]);
      expect(await owners(org.id)).toBe(1);
      expect(await auditActions(org.id)).toEqual(['member.left']);
      wins[ra.status === 204 ? 'A' : 'B']++;
    }
    record(1, 'The last two owners leave at once, through two processes', [
      `200 trials, 200 with exactly one leave succeeding (the other 409 \`sole_owner\`) and one owner left.`,
      `Process 1 won ${wins.A} times, process 2 won ${wins.B} times (${((Date.now() - started) / 200).toFixed(1)} ms a trial).`,
    ]);
  });

  it('delete against cancel, raced: the end state is one of the serial orders and the audit agrees', async () => {
    const [p1, p2] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
    const a = await cluster.user('Deleter');
    const b = await cluster.user('Canceller');
    const [ta, tb] = [await cluster.signIn(p1, a.email), await cluster.signIn(p2, b.email)];
    const outcomes = { deleteThenCancel: 0, cancelThenDelete: 0 };
    // The cancel's head start is drawn from the delete's own duration in the previous trial (the
    // password check alone is tens of ms idle, hundreds on a busy machine), so both orders happen
    // however fast the machine is; the trials go on past 40 until each order has been seen.
    let deleteMs = 150;
    const bothSeen = () => outcomes.deleteThenCancel > 0 && outcomes.cancelThenDelete > 0;
    let trials = 0;
    for (; trials < 40 || (!bothSeen() && trials < 400); trials++) {
      const org = await cluster.org({
        members: [
          { userId: a.id, role: 'owner' },
          { userId: b.id, role: 'owner' },
        ],
      });
      const intent = (await (await cluster.request(p1, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: ta })).json()) as { intentId: string };
      const started = performance.now();
      const headStart = Math.random() * deleteMs * 1.5;
      const [del, cancel] = await Promise.all([
        cluster
          .request(p1, `/api/orgs/${org.id}/deletion`, {
            token: ta,
            json: { intentId: intent.intentId, confirmName: org.name, password: PASSWORD, acknowledgements: ['other_members'] },
          })
          .then((res) => {
            deleteMs = performance.now() - started;
            return res;
          }),
        sleep(headStart).then(() => cluster.request(p2, `/api/orgs/${org.id}/deletion`, { method: 'DELETE', token: tb })),
      ]);
      expect(del.status).toBe(202);
      const [row] = await cluster.db.select().from(t.organization).where(eq(t.organization.id, org.id));
      const actions = await auditActions(org.id);
      if (cancel.status === 200) {
        // Serial order: delete, then cancel.
        expect(row?.status).toBe('active');
        expect(actions).toEqual(['org.deletion_initiated', 'org.deletion_cancelled']);
        outcomes.deleteThenCancel++;
      } else {
        // Serial order: cancel (nothing to cancel, 409), then delete.
        expect(cancel.status).toBe(409);
        expect(row?.status).toBe('pending_deletion');
        expect(actions).toEqual(['org.deletion_initiated']);
        outcomes.cancelThenDelete++;
      }
    }
    expect(outcomes.deleteThenCancel).toBeGreaterThan(0);
    expect(outcomes.cancelThenDelete).toBeGreaterThan(0);
    record(2, 'Delete against cancel', [
      `Delete against cancel, ${trials} trials: ${outcomes.deleteThenCancel} ended as "delete, then cancel" (active; audit initiated + cancelled), ` +
        `${outcomes.cancelThenDelete} as "cancel, then delete" (pending; audit initiated only). No other end state, and the audit matched each time.`,
    ]);
  });

  it('leave against a role change, raced: one owner always remains and the audit names the one that happened', async () => {
    const [p1, p2] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
    const a = await cluster.user('Leaving owner');
    const b = await cluster.user('Stepping-down owner');
    const [ta, tb] = [await cluster.signIn(p1, a.email), await cluster.signIn(p2, b.email)];
    const outcomes = { leaveFirst: 0, demoteFirst: 0 };
    for (let trial = 0; trial < 60; trial++) {
      const org = await cluster.org({
        members: [
          { userId: a.id, role: 'owner' },
          { userId: b.id, role: 'owner' },
        ],
      });
      const [leave, demote] = await Promise.all([
        cluster.request(p1, `/api/orgs/${org.id}/leave`, { token: ta, json: {} }),
        cluster.request(p2, `/api/orgs/${org.id}/members/${b.id}/role`, { token: tb, json: { role: 'admin' } }),
      ]);
      expect(await owners(org.id)).toBe(1);
      const actions = await auditActions(org.id);
      if (leave.status === 204) {
        expect(demote.status).toBe(409);
        expect(actions).toEqual(['member.left']);
        outcomes.leaveFirst++;
      } else {
        expect([leave.status, demote.status]).toEqual([409, 200]);
        expect(actions).toEqual(['member.role_changed']);
        outcomes.demoteFirst++;
      }
    }
    record(3, 'Leave against a role change', [
      `60 trials of "owner A leaves" against "owner B steps down to admin": ${outcomes.leaveFirst} as "leave first", ` +
        `${outcomes.demoteFirst} as "step down first"; one owner remained every time and the audit held only what happened.`,
    ]);
  });

  it('purge runners in both processes at the deadline: each org purged once, one org.deleted each', async () => {
    const [p1, p2] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
    const owner = await cluster.user('Purged owner');
    const orgIds: string[] = [];
    const past = new Date(Date.now() - 1000);
    for (let i = 0; i < 8; i++) {
      const org = await cluster.org({ members: [{ userId: owner.id, role: 'owner' }] });
      await cluster.database.writer.transaction(async (tx) => {
        await tx.update(t.organization).set({ status: 'pending_deletion', purgeAt: past, deletionRequestedAt: past }).where(eq(t.organization.id, org.id));
        const rows = Array.from({ length: 1500 }, (_, j) => ({
          id: newId('res'),
          organizationId: org.id,
          kind: 'camera',
          name: `c${j}`,
          status: 'decommissioned' as const,
          createdAt: past,
        }));
        for (let j = 0; j < rows.length; j += 300) await tx.insert(t.orgResource).values(rows.slice(j, j + 300));
      });
      orgIds.push(org.id);
    }
    const [r1, r2] = await Promise.all([
      cluster.request(p1, '/api/demo/purge', { method: 'POST' }),
      cluster.request(p2, '/api/demo/purge', { method: 'POST' }),
    ]);
    const [a, b] = [(await r1.json()) as { purged: { orgId: string }[] }, (await r2.json()) as { purged: { orgId: string }[] }];
    // A runner that found an org held by the other skips it; run again until nothing is due.
    await cluster.request(p1, '/api/demo/purge', { method: 'POST' });
    const deleted = await cluster.db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.action, 'org.deleted'));
    for (const id of orgIds) expect(deleted.filter((e) => e.organizationId === id)).toHaveLength(1);
    const [left] = await rows<{ n: number | string }>(
      cluster.db,
      sql`select count(*) as n from org_resource where organization_id in (${sql.join(
        orgIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    // count(*) is a bigint on PostgreSQL: a string there.
    expect(Number(left?.n)).toBe(0);
    record(4, 'Purge runners in both processes at the deadline', [
      `8 orgs of 1,500 resources each due at once; process 1 purged ${a.purged.length}, process 2 purged ${b.purged.length} in the same moment.`,
      `Every org ended with zero rows and exactly one \`org.deleted\` in the platform log (${deleted.length} in all).`,
    ]);
  });

  it('the confirmation rate limit holds across the processes: the sixth wrong confirmation through either gets 429', async () => {
    const [p1, p2] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
    const owner = await cluster.user('Limited owner');
    const org = await cluster.org({ name: 'Limited Org', members: [{ userId: owner.id, role: 'owner' }] });
    const tokens = [await cluster.signIn(p1, owner.email), await cluster.signIn(p2, owner.email)];
    const servers = [p1, p2];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const i = attempt % 2;
      const intent = (await (await cluster.request(servers[i]!, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: tokens[i] })).json()) as {
        intentId: string;
      };
      const res = await cluster.request(servers[i]!, `/api/orgs/${org.id}/deletion`, {
        token: tokens[i],
        json: { intentId: intent.intentId, confirmName: org.name, password: 'wrong-password', acknowledgements: [] },
      });
      statuses.push(res.status);
      if (attempt === 5) {
        expect(res.headers.get('retry-after')).toBeTruthy();
        expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    record(5, 'Rate limits across processes', [
      `Wrong confirmations alternating between the two processes answered ${statuses.join(', ')}: the sixth got 429 with Retry-After and X-RateLimit-Remaining: 0.`,
    ]);
  });

  it('after a deletion is scheduled, another member’s session and the org API key stop working at once', async () => {
    const [p1, p2] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
    let worst = { session: 0, apiKey: 0 };
    for (let trial = 0; trial < 10; trial++) {
      const owner = await cluster.user('Scheduling owner');
      const member = await cluster.user('Member on the other process');
      const other = await cluster.org({ members: [{ userId: member.id, role: 'owner' }] });
      void other;
      const org = await cluster.org({
        members: [
          { userId: owner.id, role: 'owner' },
          { userId: member.id, role: 'member' },
        ],
      });
      const ownerToken = await cluster.signIn(p1, owner.email);
      const memberToken = await cluster.signIn(p2, member.email);
      const { key } = (await (await cluster.request(p2, `/api/demo/orgs/${org.id}/api-keys`, { method: 'POST' })).json()) as { key: string };
      const intent = (await (await cluster.request(p1, `/api/orgs/${org.id}/deletion-intents`, { method: 'POST', token: ownerToken })).json()) as {
        intentId: string;
      };
      let scheduledAt = 0;
      const lastSuccess = { session: 0, apiKey: 0 };
      let stop = false;
      const poll = async (kind: 'session' | 'apiKey') => {
        while (!stop) {
          const sentAt = performance.now();
          const res =
            kind === 'session'
              ? await cluster.request(p2, `/api/orgs/${org.id}/danger-zone`, { token: memberToken })
              : await cluster.request(p2, `/api/orgs/${org.id}`, { headers: { 'x-api-key': key } });
          if (res.status === 200) lastSuccess[kind] = sentAt;
        }
      };
      const polling = [poll('session'), poll('apiKey')];
      await new Promise((r) => setTimeout(r, 30));
      const res = await cluster.request(p1, `/api/orgs/${org.id}/deletion`, {
        token: ownerToken,
        json: { intentId: intent.intentId, confirmName: org.name, password: PASSWORD, acknowledgements: ['other_members'] },
      });
      scheduledAt = performance.now();
      expect(res.status).toBe(202);
      await new Promise((r) => setTimeout(r, 100));
      stop = true;
      await Promise.all(polling);
      // A success counts against us only if its request was sent after the 202 arrived.
      worst = {
        session: Math.max(worst.session, lastSuccess.session - scheduledAt),
        apiKey: Math.max(worst.apiKey, lastSuccess.apiKey - scheduledAt),
      };
      expect((await cluster.request(p2, `/api/orgs/${org.id}`, { headers: { 'x-api-key': key } })).status).toBe(423);
    }
    expect(worst.session).toBeLessThanOrEqual(0);
    expect(worst.apiKey).toBeLessThanOrEqual(0);
    record(6, 'How long access outlives the scheduling', [
      '10 trials: another member polled the state through the other process, and an org API key read the org, without pause, while the owner scheduled the deletion.',
      'Maximum time a session or API key kept working after the 202 arrived: 0 ms. Every request sent after it was refused (401 for the signed-out session, 423 for the key); the only successes were requests already sent before it.',
    ]);
  });
});
