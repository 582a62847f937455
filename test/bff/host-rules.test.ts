/**
 * The host's own systems take part in the rules (issue 14): its blockers and warnings merged into
 * the policy's facts (the state, the writes and the management API decide the same way), a
 * platform operator's legal hold, the deployment-wide switch, and the host's tables in the purge.
 */
import { eq, sql } from 'drizzle-orm';
import { rows } from '../../bff/db/batch.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../bff/app.js';
import { autoId, series, tables as t } from '../helpers/tables.js';
import { createManagementToken } from '../../bff/management/tokens.js';
import type { HostFacts } from '../../bff/orgs/facts.js';
import { putOrgResources, removeOrgResources, setOrgCredits, setOrgSubscription, UnknownOrgError } from '../../bff/orgs/host-data.js';
import { registerHostTables } from '../../bff/purge/host-tables.js';
import { purgeDueOrgs } from '../../bff/purge/purge.js';
import { dangerZoneState, errorBody } from '../../shared/schemas.js';
import { createTestBff, errorCode, TEST_BASE_URL, useTestBff } from '../helpers/bff.js';
import { createIntent, scheduleDeletion } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };
beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
});

const mgmt = async (scopes: string[]) => (await createManagementToken(bff.database.writer.db, { name: 'ops', scopes, now: new Date() })).token;
const stateOf = async (orgId: string, token: string, request = bff.request) =>
  dangerZoneState.parse(await (await request(`/api/orgs/${orgId}/danger-zone`, { token })).json());

describe('legal hold', () => {
  it('an operator sets it (audited); it blocks scheduling, the management API, and a due purge; lifting it lets both go on', async () => {
    const orgId = ids.orgs.hooli!;
    const hank = await bff.signIn('hank@example.com');
    const wrongScope = await bff.request(`/api/v2/organizations/${orgId}/legal-hold`, {
      method: 'PUT',
      token: await mgmt(['delete:organizations']),
      json: { reason: 'Litigation 42' },
    });
    expect([wrongScope.status, ((await wrongScope.json()) as { error: { message: string } }).error.message]).toEqual([
      403,
      'Insufficient scope; expected any of: manage:legal_holds.',
    ]);

    const ops = await mgmt(['manage:legal_holds', 'delete:organizations']);
    const set = await bff.request(`/api/v2/organizations/${orgId}/legal-hold`, { method: 'PUT', token: ops, json: { reason: 'Litigation 42' } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { legalHold: { reason: string } }).legalHold.reason).toBe('Litigation 42');

    const state = await stateOf(orgId, hank);
    expect(state.org.legalHold).toBe(true);
    expect(state.actions.delete.reasons.map((r) => r.code)).toEqual(['legal_hold']);
    const { res: intent } = await createIntent(bff, orgId, hank);
    expect([intent.status, await errorCode(intent)]).toEqual([409, 'deletion_blocked']);
    expect(errorBody.parse(await intent.json()).error.reasons?.map((r) => r.code)).toEqual(['legal_hold']);
    const viaApi = await bff.request(`/api/v2/organizations/${orgId}`, { method: 'DELETE', token: ops });
    expect([viaApi.status, await errorCode(viaApi)]).toEqual([409, 'deletion_blocked']);

    const platform = await bff.database.reader.db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.organizationId, orgId));
    expect(platform.map((e) => e.action)).toEqual(['org.legal_hold_set']);
    expect(platform[0]!.actorLabel).toMatch(/^management token "ops"/);

    expect((await bff.request(`/api/v2/organizations/${orgId}/legal-hold`, { method: 'DELETE', token: ops })).status).toBe(204);
    expect((await bff.request(`/api/v2/organizations/${orgId}/legal-hold`, { method: 'DELETE', token: ops })).status).toBe(404);
    expect((await scheduleDeletion(bff, { id: orgId, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
  });

  it('a hold set while the org is pending stops the purge past its date; the org stays, owners may still cancel', async () => {
    const orgId = ids.orgs.hooli!;
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: orgId, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    const ops = await mgmt(['manage:legal_holds']);
    expect((await bff.request(`/api/v2/organizations/${orgId}/legal-hold`, { method: 'PUT', token: ops, json: { reason: 'Audit' } })).status).toBe(200);
    bff.clock.advance(8 * 86_400_000);
    const held = await bff.purgeNow();
    expect(held.purged.map((p) => p.orgId)).not.toContain(orgId);
    expect(held.skipped).toContain(orgId);
    const state = await stateOf(orgId, hank);
    expect([state.org.status, state.org.legalHold, state.actions.cancelDeletion.allowed]).toEqual(['pending_deletion', true, true]);

    expect((await bff.request(`/api/v2/organizations/${orgId}/legal-hold`, { method: 'DELETE', token: ops })).status).toBe(204);
    expect((await bff.purgeNow()).purged.map((p) => p.orgId)).toContain(orgId);
  });
});

describe('the host’s own blockers and warnings', () => {
  it('are merged into the state, the confirmation and the management API', async () => {
    const facts = new Map<string, HostFacts>();
    const seen: string[] = [];
    const app = createApp({
      database: bff.database,
      auth: bff.auth,
      clock: bff.clock,
      settings: bff.settings,
      hostFacts: async (org, db) => {
        // The hook gets a read-only handle on the danger zone's database, for hosts whose data lives there.
        const [row] = await db.select({ name: t.organization.name }).from(t.organization).where(eq(t.organization.id, org.id));
        seen.push(row!.name);
        return facts.get(org.id) ?? {};
      },
    });
    const request = (path: string, init: { method?: string; token?: string; json?: unknown } = {}) =>
      Promise.resolve(
        app.request(`${TEST_BASE_URL}${path}`, {
          method: init.method ?? (init.json ? 'POST' : 'GET'),
          headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.json ? { 'content-type': 'application/json' } : {}) },
          ...(init.json ? { body: JSON.stringify(init.json) } : {}),
        }),
      );
    const orgId = ids.orgs.solo!;
    const sam = await bff.signIn('sam@example.com');

    facts.set(orgId, { blockers: [{ code: 'acme:clusters', message: '3 active clusters must be shut down first.', count: 3 }] });
    const blocked = await stateOf(orgId, sam, request as typeof bff.request);
    expect(blocked.actions.delete.reasons).toEqual([
      { code: 'acme:clusters', message: '3 active clusters must be shut down first.', params: { count: 3 }, host: true },
    ]);
    const intent = await request(`/api/orgs/${orgId}/deletion-intents`, { method: 'POST', token: sam });
    expect([intent.status, await errorCode(intent)]).toEqual([409, 'deletion_blocked']);
    expect(errorBody.parse(await intent.json()).error.reasons).toEqual(blocked.actions.delete.reasons);
    const { token: ops } = await createManagementToken(bff.database.writer.db, { name: 'ops', scopes: ['delete:organizations'], now: new Date() });
    const viaApi = await request(`/api/v2/organizations/${orgId}`, { method: 'DELETE', token: ops });
    expect([viaApi.status, await errorCode(viaApi)]).toEqual([409, 'deletion_blocked']);
    expect(seen).toContain('Solo Studio');

    facts.set(orgId, { warnings: [{ code: 'billing.unpaid_invoice', message: 'An unpaid invoice of 120 EUR is written off.' }] });
    const warned = await stateOf(orgId, sam, request as typeof bff.request);
    expect(warned.actions.delete).toMatchObject({ allowed: true, warnings: [{ code: 'billing.unpaid_invoice', host: true }] });
    const created = (await (await request(`/api/orgs/${orgId}/deletion-intents`, { method: 'POST', token: sam })).json()) as { intentId: string };
    bff.clock.advance(10_000);
    const confirm = (acknowledgements: string[]) =>
      request(`/api/orgs/${orgId}/deletion`, {
        token: sam,
        json: { intentId: created.intentId, confirmName: 'Solo Studio', password: 'danger-zone-demo', acknowledgements },
      });
    const missing = await confirm([]);
    expect([missing.status, errorBody.parse(await missing.json()).error.missing]).toEqual([422, ['billing.unpaid_invoice']]);
    expect((await confirm(['billing.unpaid_invoice'])).status).toBe(202);
  });

  it('a hook that returns an unnamespaced code is a defect the host sees, not a silent pass', async () => {
    const app = createApp({
      database: bff.database,
      auth: bff.auth,
      clock: bff.clock,
      hostFacts: () => ({ blockers: [{ code: 'clusters', message: 'x' }] }),
      onUnexpectedError: () => undefined,
    });
    const sam = await bff.signIn('sam@example.com');
    const res = await app.request(`${TEST_BASE_URL}/api/orgs/${ids.orgs.solo}/danger-zone`, { headers: { authorization: `Bearer ${sam}` } });
    expect([res.status, await errorCode(res)]).toEqual([500, 'internal_error']);
  });
});

describe('DELETION_DISABLED', () => {
  it('owners are told why, nothing can be scheduled, a pending deletion can still be cancelled', async () => {
    const off = await createTestBff({ DELETION_DISABLED: true });
    try {
      const seeded = (await (await off.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
      const sam = await off.signIn('sam@example.com');
      const state = dangerZoneState.parse(await (await off.request(`/api/orgs/${seeded.orgs.solo}/danger-zone`, { token: sam })).json());
      expect(state.actions.delete.reasons.map((r) => [r.code, r.message])).toEqual([
        ['deletion_disabled', 'Deleting organizations is turned off on this service. Contact support.'],
      ]);
      const { res } = await createIntent(off, seeded.orgs.solo!, sam);
      expect([res.status, await errorCode(res)]).toEqual([409, 'deletion_blocked']);
      const penny = await off.signIn('penny@example.com');
      expect((await off.request(`/api/orgs/${seeded.orgs.wayne}/deletion`, { method: 'DELETE', token: penny })).status).toBe(200);
    } finally {
      await off.dispose();
    }
  });
});

describe('the host’s tables in the purge', () => {
  it('a host table of 100,000 rows is emptied for the purged org in the same batches, untouched for the others, and counted', async () => {
    const db = bff.database.writer.db;
    await rows(db, sql`create table if not exists host_camera (${autoId}, org_id text not null references organization(id), label text)`);
    await rows(db, sql`create index if not exists host_camera_org on host_camera (org_id)`);
    const fill = async (orgId: string, count: number) => {
      for (let i = 0; i < count; i += 5000) {
        await rows(db, sql`${series(Math.min(5000, count - i))} insert into host_camera (org_id, label) select ${orgId}, 'cam ' || n from series`);
      }
    };
    await fill(ids.orgs.hooli!, 100_000);
    await fill(ids.orgs.acme!, 1_000);
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    bff.clock.advance(8 * 86_400_000);
    const result = await purgeDueOrgs(bff.database, {
      now: bff.clock.now(),
      holder: 'test',
      batchSize: 1000,
      hostTables: [{ table: 'host_camera', orgColumn: 'org_id' }],
    });
    const hooli = result.purged.find((p) => p.orgId === ids.orgs.hooli)!;
    expect(hooli.removed.host_camera).toBe(100_000);
    expect(hooli.stats.batches).toBeGreaterThan(100);
    const left = await rows<{ org_id: string; n: number }>(db, sql`select org_id, cast(count(*) as integer) as n from host_camera group by org_id`);
    expect(left).toEqual([{ org_id: ids.orgs.acme, n: 1000 }]);
    const [deleted] = await db
      .select()
      .from(t.platformAuditLog)
      .where(eq(t.platformAuditLog.organizationId, ids.orgs.hooli!))
      .orderBy(sql`id desc`)
      .limit(1);
    expect((JSON.parse(deleted!.details!) as { removed: Record<string, number> }).removed.host_camera).toBe(100_000);
    await rows(db, sql`drop table host_camera`);
  });

  /** Hooli scheduled, its grace window run out: due for the purge. */
  async function hooliDue(): Promise<string> {
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(bff, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    bff.clock.advance(8 * 86_400_000);
    return ids.orgs.hooli!;
  }
  const count = async (table: string, column: string, orgId: string) =>
    (
      await rows<{ n: number }>(
        bff.database.reader.db,
        sql`select cast(count(*) as integer) as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${orgId}`,
      )
    )[0]!.n;

  it("rows in a host table nobody registered stop the org's purge before anything is removed, named in the result (issue 19, trap 2)", async () => {
    const db = bff.database.writer.db;
    await rows(db, sql`create table host_device (${autoId}, organization_id text not null references organization(id))`);
    await rows(db, sql`create table host_note (${autoId}, org_id text not null, body text)`);
    try {
      const orgId = await hooliDue();
      await rows(db, sql`insert into host_device (organization_id) values (${orgId}), (${orgId})`);
      await rows(db, sql`insert into host_note (org_id, body) values (${orgId}, 'keep me?'), (${ids.orgs.acme!}, 'another org')`);
      const members = await count('member', 'organization_id', orgId);

      const result = await purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'test', batchSize: 100 });
      expect(result.purged.map((p) => p.orgId)).not.toContain(orgId);
      expect(result.failed.map((f) => [f.orgId, f.unregistered])).toEqual([
        [
          orgId,
          [
            { table: 'host_device', column: 'organization_id', referencesOrganization: true, rows: 2 },
            { table: 'host_note', column: 'org_id', referencesOrganization: false, rows: 1 },
          ],
        ],
      ]);
      expect(result.failed[0]!.error).toMatch(/host_device\.organization_id \(2 rows, a foreign key to organization\), host_note\.org_id \(1 row\)/);
      // Nothing of the org was removed, and no lease is left behind.
      expect([await count('organization', 'id', orgId), await count('member', 'organization_id', orgId), await count('host_note', 'org_id', orgId)]).toEqual([
        1,
        members,
        1,
      ]);
      expect(await count('purge_progress', 'organization_id', orgId)).toBe(0);

      // Registered (one emptied, one kept on purpose), the same purge with no table given goes through.
      await registerHostTables(bff.database, [
        { table: 'host_device', orgColumn: 'organization_id' },
        { table: 'host_note', orgColumn: 'org_id', retain: true },
      ]);
      const second = await purgeDueOrgs(bff.database, { now: bff.clock.now(), holder: 'test', batchSize: 100 });
      expect([second.failed, second.purged.map((p) => [p.orgId, p.removed.host_device])]).toEqual([[], [[orgId, 2]]]);
      expect([
        await count('organization', 'id', orgId),
        await count('host_device', 'organization_id', orgId),
        await count('host_note', 'org_id', orgId),
      ]).toEqual([0, 0, 1]);
    } finally {
      await registerHostTables(bff.database, []);
      await rows(db, sql`drop table host_device`);
      await rows(db, sql`drop table host_note`);
    }
  });

  it('a host row written into an unregistered table while the purge runs keeps the org row: failed, not reported as purged', async () => {
    const db = bff.database.writer.db;
    await rows(db, sql`create table host_late (${autoId}, org_id text not null)`);
    try {
      const orgId = await hooliDue();
      let written = false;
      const result = await purgeDueOrgs(bff.database, {
        now: bff.clock.now(),
        holder: 'test',
        batchSize: 1,
        afterBatch: async () => {
          if (written) return;
          written = true;
          await rows(db, sql`insert into host_late (org_id) values (${orgId})`);
        },
      });
      expect(result.purged.map((p) => p.orgId)).not.toContain(orgId);
      expect(result.failed.map((f) => [f.orgId, f.unregistered?.map((u) => `${u.table}.${u.column}`)])).toEqual([[orgId, ['host_late.org_id']]]);
      expect(await count('organization', 'id', orgId)).toBe(1);
    } finally {
      await rows(db, sql`drop table host_late`);
    }
  });
});

describe('the built-in facts, filled by the host through the API (issue 19)', () => {
  it('resources, a subscription and credits put through the API decide the state: blockers with their count, warnings', async () => {
    const orgId = ids.orgs.hooli!;
    const hank = await bff.signIn('hank@example.com');
    const deleteOf = async () => (await stateOf(orgId, hank)).actions.delete;
    expect((await deleteOf()).allowed).toBe(true);

    await putOrgResources(bff.database, orgId, [
      { id: 'cam-1', kind: 'camera', name: 'Lobby', status: 'active' },
      { id: 'cam-2', kind: 'camera', name: 'Dock', status: 'active' },
      { id: 'cam-3', kind: 'camera', name: 'Old', status: 'decommissioned' },
    ]);
    // Another org may use the same ids: they are the host's, unique within an org.
    await putOrgResources(bff.database, ids.orgs.acme!, [{ id: 'cam-1', kind: 'camera', name: 'Acme lobby', status: 'active' }]);
    let decision = await deleteOf();
    expect([decision.allowed, decision.reasons.map((r) => [r.code, r.params])]).toEqual([false, [['has_active_resources', { count: 2 }]]]);
    expect((await stateOf(orgId, hank)).impact.activeResources).toBe(2);

    // Putting an id again updates it; removing takes it away; the other org's cam-1 stays.
    await putOrgResources(bff.database, orgId, [{ id: 'cam-2', kind: 'camera', name: 'Dock', status: 'decommissioned' }]);
    expect((await deleteOf()).reasons.map((r) => r.params)).toEqual([{ count: 1 }]);
    expect(await removeOrgResources(bff.database, orgId, ['cam-1', 'cam-9'])).toBe(1);
    decision = await deleteOf();
    expect([decision.allowed, decision.reasons]).toEqual([true, []]);
    const acmeRows = await bff.database.reader.db.select().from(t.orgResource).where(eq(t.orgResource.organizationId, ids.orgs.acme!));
    expect(acmeRows.filter((r) => r.name === 'Acme lobby')).toHaveLength(1);

    await setOrgSubscription(bff.database, orgId, { status: 'active', plan: 'Pro', renewsAt: new Date('2027-01-31T00:00:00Z') });
    await setOrgCredits(bff.database, orgId, 1200);
    const state = await stateOf(orgId, hank);
    expect(state.actions.delete.warnings.map((w) => [w.code, w.params])).toEqual([
      ['active_subscription', undefined],
      ['credits_remaining', { balance: 1200 }],
      ['other_members', { count: 2 }],
    ]);
    expect(state.impact.subscription).toEqual({ status: 'active', renewsAt: '2027-01-31T00:00:00.000Z' });
    await setOrgSubscription(bff.database, orgId, null);
    await setOrgCredits(bff.database, orgId, 0);
    expect((await deleteOf()).warnings.map((w) => w.code)).toEqual(['other_members']);
  });

  it("refuses what it cannot store: an unknown org by name, a bad value with zod's issue, and writes nothing", async () => {
    await expect(setOrgCredits(bff.database, 'org_nope', 5)).rejects.toBeInstanceOf(UnknownOrgError);
    await expect(putOrgResources(bff.database, 'org_nope', [{ id: 'x', kind: 'k', name: 'n', status: 'active' }])).rejects.toThrow(
      /No organization "org_nope"/,
    );
    await expect(setOrgCredits(bff.database, ids.orgs.hooli!, -1)).rejects.toThrow(/too_small|>=0/);
    await expect(putOrgResources(bff.database, ids.orgs.hooli!, [{ id: 'x', kind: 'k', name: 'n', status: 'on' as 'active' }])).rejects.toThrow(/status/);
    const rows = await bff.database.reader.db.select().from(t.orgResource).where(eq(t.orgResource.organizationId, ids.orgs.hooli!));
    expect(rows.map((r) => r.id).filter((id) => id.endsWith('/x'))).toEqual([]);
  });
});
