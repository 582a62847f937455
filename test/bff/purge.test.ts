/** P1–P4: the purge, on the seeded data set plus a bulky org, with the injected clock. */
import { eq, sql } from 'drizzle-orm';
import { rows } from '../../bff/db/batch.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { newId } from '../../bff/ids.js';
import { purgeDueOrgs, purgeOrg } from '../../bff/purge/purge.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { othersChecksum, rowsOf } from '../helpers/checksum.js';
import { scheduleDeletion } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };
const DAY = 86400e3;

beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
  // The seeded Wayne Holdings is pending too; push its purge out of these tests' way.
  await bff.database.writer.db
    .update(t.organization)
    .set({ purgeAt: new Date(bff.clock.now().getTime() + 365 * DAY) })
    .where(eq(t.organization.id, ids.orgs.wayne!));
});

/** Gives Hooli rows in every org-scoped table, enough to need several batches of 100. */
async function fillHooli() {
  const orgId = ids.orgs.hooli!;
  const now = bff.clock.now();
  await bff.database.writer.transaction(async (tx) => {
    for (let i = 0; i < 450; i++) {
      await tx
        .insert(t.orgResource)
        .values({ id: newId('res'), organizationId: orgId, kind: 'camera', name: `c${i}`, status: 'decommissioned', createdAt: now });
    }
    for (let i = 0; i < 230; i++) {
      await tx.insert(t.orgAuditLog).values({ organizationId: orgId, at: now, action: 'member.left', targetType: 'user', targetId: 'x', outcome: 'success' });
    }
    await tx.insert(t.orgApiKey).values({ id: newId('key'), organizationId: orgId, name: 'k', keyHash: newId('h'), keyPrefix: 'odz', createdAt: now });
    await tx.insert(t.invitation).values({
      id: newId('inv'),
      organizationId: orgId,
      email: 'x@example.com',
      status: 'pending',
      expiresAt: now,
      createdAt: now,
      inviterId: ids.users.hank!,
    });
    await tx.insert(t.orgSubscription).values({ organizationId: orgId, status: 'canceled', plan: 'Pro' });
    await tx.insert(t.orgCredits).values({ organizationId: orgId, balance: 0 });
  });
}

async function scheduleHooli() {
  const hank = await bff.signIn('hank@example.com');
  const res = await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members']);
  expect(res.status).toBe(202);
  return hank;
}

const platformEvents = (orgId: string) => bff.database.writer.db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, orgId));

describe('the purge', () => {
  it('removes nothing before purgeAt, everything of the org after it, and no row of any other org', async () => {
    await fillHooli();
    const hank = await scheduleHooli();
    // The owner keeps his session through the grace window, with Hooli active.
    await bff.database.writer.db.update(t.session).set({ activeOrganizationId: ids.orgs.hooli }).where(eq(t.session.token, hank));
    const orgId = ids.orgs.hooli!;
    const before = await othersChecksum(bff.database.writer.db, orgId);
    const rowsBefore = await rowsOf(bff.database.writer.db, orgId);

    bff.clock.advance(7 * DAY - 60_000);
    expect((await purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'a', batchSize: 100 })).purged).toEqual([]);
    expect(await rowsOf(bff.database.writer.db, orgId)).toEqual(rowsBefore);

    bff.clock.advance(120_000);
    const res = await bff.request('/api/demo/purge', { method: 'POST' });
    const result = (await res.json()) as { purged: { orgId: string; removed: Record<string, number> }[] };
    expect(result.purged.map((p) => p.orgId)).toEqual([orgId]);

    expect(Object.values(await rowsOf(bff.database.writer.db, orgId)).every((n) => n === 0)).toBe(true);
    expect(await othersChecksum(bff.database.writer.db, orgId)).toEqual(before);

    const [deleted] = (await platformEvents(orgId)).filter((e) => e.action === 'org.deleted');
    const details = JSON.parse(deleted!.details!) as Record<string, unknown>;
    expect(deleted!.organizationName).toBe('Hooli XYZ');
    expect(details).toMatchObject({ initiatedBy: ids.users.hank, initiatedByLabel: 'Hank Hooli <hank@example.com>' });
    expect(details.removed).toMatchObject({ org_resource: 454, org_audit_log: 231, member: 3, org_api_key: 1, invitation: 1, outbox: 3, organization: 1 });
    expect(details.initiatedAt).toBeTruthy();
    expect(details.purgedAt).toBeTruthy();

    // P3: users survive and keep their other orgs; the session lost the org; P4: the id is gone for good.
    expect((await bff.database.writer.db.select().from(t.user)).length).toBe(14);
    const [hankSession] = await bff.database.writer.db.select().from(t.session).where(eq(t.session.token, hank));
    expect(hankSession?.activeOrganizationId).toBeNull();
    const mia = await bff.signIn('mia@example.com');
    expect((await bff.request(`/api/orgs/${ids.orgs.acme}/danger-zone`, { token: mia })).status).toBe(200);
    expect(await errorCode(await bff.request(`/api/orgs/${orgId}/danger-zone`, { token: await bff.signIn('hank@example.com') }))).toBe('org_not_found');
    // Nina belonged only to Hooli: she is a user without orgs now, and may sign in again.
    expect((await bff.request('/api/auth/sign-in/email', { json: { email: 'nina@example.com', password: 'danger-zone-demo' } })).status).toBe(200);
  });

  it('resumes after being interrupted between batches, and reports the full count once', async () => {
    await fillHooli();
    await scheduleHooli();
    const orgId = ids.orgs.hooli!;
    const before = await othersChecksum(bff.database.writer.db, orgId);
    bff.clock.advance(7 * DAY + 1000);
    let batches = 0;
    await expect(
      purgeOrg(bff.database, orgId, {
        now: bff.clock.now(),
        holder: 'crashy',
        batchSize: 100,
        leaseMs: 50,
        afterBatch: () => {
          if (++batches === 4) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const midway = await rowsOf(bff.database.writer.db, orgId);
    expect(midway.organization).toBe(1);
    expect(midway.purge_progress).toBe(1);
    // The failed runner gave its lease up (a runner that keeps failing never keeps others off an
    // org): another takes over at once, from the tally, and finishes.
    const done = await purgeOrg(bff.database, orgId, { now: bff.clock.now(), holder: 'other', batchSize: 100 });
    expect(done?.removed).toMatchObject({ org_resource: 454, org_audit_log: 231, member: 3, organization: 1 });
    expect(Object.values(await rowsOf(bff.database.writer.db, orgId)).every((n) => n === 0)).toBe(true);
    expect(await othersChecksum(bff.database.writer.db, orgId)).toEqual(before);
    expect((await platformEvents(orgId)).filter((e) => e.action === 'org.deleted')).toHaveLength(1);
  });

  it('two runners at once purge once', async () => {
    await fillHooli();
    await scheduleHooli();
    const orgId = ids.orgs.hooli!;
    bff.clock.advance(7 * DAY + 1000);
    const [a, b] = await Promise.all([
      purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'runner-a', batchSize: 50 }),
      purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'runner-b', batchSize: 50 }),
    ]);
    expect(a.purged.length + b.purged.length).toBe(1);
    expect((await platformEvents(orgId)).filter((e) => e.action === 'org.deleted')).toHaveLength(1);
  });

  it('after a cancel, a re-deletion purges at the new time only', async () => {
    const hank = await scheduleHooli();
    const orgId = ids.orgs.hooli!;
    bff.clock.advance(3 * DAY);
    expect((await bff.request(`/api/orgs/${orgId}/deletion`, { method: 'DELETE', token: hank })).status).toBe(200);
    bff.clock.advance(1 * DAY);
    await scheduleDeletion(bff, { id: orgId, name: 'Hooli XYZ' }, hank, ['other_members']);
    // The first window would have ended now: nothing happens.
    bff.clock.advance(3 * DAY + 1000);
    expect((await bff.purgeNow()).purged).toEqual([]);
    expect((await rowsOf(bff.database.writer.db, orgId)).organization).toBe(1);
    bff.clock.advance(4 * DAY);
    expect((await bff.purgeNow()).purged.map((p) => p.orgId)).toEqual([orgId]);
  });

  it('once the purge has started, the deletion can no longer be cancelled', async () => {
    const hank = await scheduleHooli();
    const orgId = ids.orgs.hooli!;
    bff.clock.advance(7 * DAY + 1000);
    await rows(
      bff.database.writer.db,
      sql`insert into purge_progress (organization_id, holder, lease_until, removed, started_at) values (${orgId}, 'elsewhere', ${Date.now() + 60_000}, '{}', ${Date.now()})`,
    );
    const state = (await (await bff.request(`/api/orgs/${orgId}/danger-zone`, { token: hank })).json()) as {
      actions: { cancelDeletion: { reasons: { code: string }[] } };
    };
    expect(state.actions.cancelDeletion.reasons[0]?.code).toBe('purge_started');
    const res = await bff.request(`/api/orgs/${orgId}/deletion`, { method: 'DELETE', token: hank });
    expect([res.status, await errorCode(res)]).toEqual([409, 'not_pending']);
  });
});
