/**
 * D6 while pending, C2 impersonation, and everything working again after a cancel (C1).
 * Uses the seeded data set: Hooli XYZ (Hank owner; Nina only there; Mia also elsewhere).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { errorBody } from '../../shared/schemas.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };

async function reset() {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
}

const hooli = () => ({ id: ids.orgs.hooli!, name: 'Hooli XYZ' });

describe('D6: while pending', () => {
  it('refuses other members’ old sessions, their new sign-ins and the org API keys; owners read, export and cancel; after cancel all works again', async () => {
    await reset();
    const org = hooli();
    const hank = await bff.signIn('hank@example.com');
    const nina = await bff.signIn('nina@example.com');
    const ninaOther = await bff.signIn('nina@example.com');
    const mia = await bff.signIn('mia@example.com');
    await bff.database.writer.db.update(t.session).set({ activeOrganizationId: org.id }).where(eq(t.session.token, nina));
    const { key } = (await (await bff.request(`/api/demo/orgs/${org.id}/api-keys`, { method: 'POST' })).json()) as { key: string };
    expect((await bff.request(`/api/orgs/${org.id}`, { headers: { 'x-api-key': key } })).status).toBe(200);

    expect((await scheduleDeletion(bff, org, hank, ['other_members'])).status).toBe(202);

    // Nina's session that had Hooli active was signed out; her other session gets 423 with purgeAt.
    expect(await errorCode(await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: nina }))).toBe('unauthorized');
    const locked = await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: ninaOther });
    expect(locked.status).toBe(423);
    const lockedBody = errorBody.parse(await locked.json());
    expect(lockedBody.error.code).toBe('org_pending_deletion');
    expect(lockedBody.error.purgeAt).toMatch(/^\d{4}-/);
    expect(lockedBody.error.contacts).toEqual([{ name: 'Hank Hooli', email: 'hank@example.com' }]);
    for (const [method, path] of [
      ['POST', 'leave'],
      ['POST', 'deletion-intents'],
      ['DELETE', 'deletion'],
      ['GET', 'exports/members.csv'],
    ] as const) {
      const res = await bff.request(`/api/orgs/${org.id}/${path}`, { method, token: ninaOther, json: method === 'POST' ? {} : undefined });
      expect([res.status, await errorCode(res)], path).toEqual([423, 'org_pending_deletion']);
    }
    // A new sign-in by Nina (her only org is pending) is refused with the same 423.
    const signIn = await bff.request('/api/auth/sign-in/email', { json: { email: 'nina@example.com', password: 'danger-zone-demo' } });
    expect(signIn.status).toBe(423);
    expect(((await signIn.json()) as { error: { code: string } }).error.code).toBe('org_pending_deletion');
    expect(signIn.headers.get('set-cookie')).toBeNull();
    // Mia has other orgs: she signs in, but Hooli answers 423 to her too.
    expect((await bff.request('/api/auth/sign-in/email', { json: { email: 'mia@example.com', password: 'danger-zone-demo' } })).status).toBe(200);
    expect((await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: mia })).status).toBe(423);
    expect((await bff.request(`/api/orgs/${ids.orgs.acme}/danger-zone`, { token: mia })).status).toBe(200);
    // better-auth's own organization endpoints are held to the same rule.
    const viaPlugin = await bff.request(`/api/auth/organization/get-full-organization?organizationId=${org.id}`, { token: mia });
    expect(viaPlugin.status).toBe(423);
    // The API key is refused.
    expect(await errorCode(await bff.request(`/api/orgs/${org.id}`, { headers: { 'x-api-key': key } }))).toBe('org_pending_deletion');

    // The owner: signs in, reads, exports, cancels.
    const hankAgain = await bff.signIn('hank@example.com');
    const state = (await (await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: hankAgain })).json()) as {
      org: { status: string; deletionRequestedBy: { name: string } };
      actions: { cancelDeletion: { allowed: boolean }; export: { allowed: boolean } };
    };
    expect(state.org.status).toBe('pending_deletion');
    expect(state.org.deletionRequestedBy.name).toBe('Hank Hooli');
    expect([state.actions.cancelDeletion.allowed, state.actions.export.allowed]).toEqual([true, true]);
    expect((await bff.request(`/api/orgs/${org.id}/exports/audit-log.csv`, { token: hank })).status).toBe(200);
    expect((await bff.request(`/api/orgs/${org.id}/deletion`, { method: 'DELETE', token: hank })).status).toBe(200);

    // After the cancel: Nina's other session, a new sign-in, and the key all work again.
    expect((await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: ninaOther })).status).toBe(200);
    expect((await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: await bff.signIn('nina@example.com') })).status).toBe(200);
    expect((await bff.request(`/api/orgs/${org.id}`, { headers: { 'x-api-key': key } })).status).toBe(200);
    // The signed-out session stays signed out.
    expect((await bff.request(`/api/orgs/${org.id}/danger-zone`, { token: nina })).status).toBe(401);
  });
});

describe('C2: a platform admin impersonating an owner', () => {
  async function impersonate(adminToken: string, userId: string) {
    const res = await bff.request('/api/auth/admin/impersonate-user', { token: adminToken, json: { userId } });
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { session: { token: string } }).session.token;
  }

  it('may read the state and cancel, nothing else; both audit logs name the admin', async () => {
    await reset();
    const root = await bff.signIn('root@example.com');
    const wayne = ids.orgs.wayne!;
    const token = await impersonate(root, ids.users.penny!);

    const stateRes = await bff.request(`/api/orgs/${wayne}/danger-zone`, { token });
    expect(stateRes.status).toBe(200);
    const state = (await stateRes.json()) as { viewer: { impersonated: boolean }; actions: Record<string, { allowed: boolean; reasons: { code: string }[] }> };
    expect(state.viewer.impersonated).toBe(true);
    expect(state.actions.cancelDeletion!.allowed).toBe(true);
    for (const action of ['leave', 'delete', 'export'] as const) {
      expect(state.actions[action]!.reasons[0]?.code).toBe('impersonation_scope');
    }
    for (const [method, path] of [
      ['POST', 'leave'],
      ['GET', 'exports/audit-log.csv'],
      ['GET', 'exports/members.csv'],
    ] as const) {
      const res = await bff.request(`/api/orgs/${wayne}/${path}`, { method, token, json: method === 'POST' ? {} : undefined });
      expect([res.status, await errorCode(res)], path).toEqual([403, 'impersonation_scope']);
    }
    // better-auth's organization writes are refused too.
    const update = await bff.request('/api/auth/organization/update', { token, json: { organizationId: wayne, data: { name: 'Hijacked' } } });
    expect(update.status).toBe(403);

    expect((await bff.request(`/api/orgs/${wayne}/deletion`, { method: 'DELETE', token })).status).toBe(200);
    const db = bff.database.writer.db;
    const orgLog = await db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.action, 'org.deletion_cancelled'));
    const platformLog = await db.select().from(t.platformAuditLog).where(eq(t.platformAuditLog.action, 'org.deletion_cancelled'));
    for (const entry of [...orgLog, ...platformLog]) {
      expect(entry).toMatchObject({ actorUserId: ids.users.penny, impersonatorUserId: ids.users.root });
      expect(entry.actorLabel).toContain('impersonated by Pat Platform-admin');
    }
    expect(orgLog).toHaveLength(1);
    expect(platformLog).toHaveLength(1);

    // Once active again, an impersonated session still may not start a deletion.
    const intent = await bff.request(`/api/orgs/${wayne}/deletion-intents`, { method: 'POST', token });
    expect([intent.status, await errorCode(intent)]).toEqual([403, 'impersonation_scope']);
  });
});
