/**
 * Issue 18.15: an org API key can be revoked, by an owner or an admin, audited; it stops working
 * at once. A production start; the key is made with the server's own function (the product has no
 * front door for making keys yet), everything else through HTTP.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { createApiKey } from '../../bff/orgs/api-keys.js';
import type { UserClient } from '../helpers/auth-client.js';
import { startTarget, type Target } from './target.js';

let target: Target;
let owner: UserClient;
let admin: UserClient;
let member: UserClient;
let outsider: UserClient;
let org: { id: string };

beforeAll(async () => {
  target = await startTarget();
  owner = await target.signUp('Key Owner');
  admin = await target.signUp('Key Admin');
  member = await target.signUp('Key Member');
  outsider = await target.signUp('Other Owner');
  org = await target.org(owner, 'Keyed Org', [
    { user: admin, role: 'admin' },
    { user: member, role: 'member' },
  ]);
  await target.org(outsider, 'Outsider Org');
});
afterAll(async () => {
  await target?.stop();
});

const call = (path: string, token: string, method = 'GET') => target.request(target.servers[0]!, path, { token, method });
const code = async (res: Response) => ((await res.clone().json()) as { error?: { code?: string } }).error?.code;

describe('org API keys', () => {
  it('owners and admins list them without the key; a member cannot', async () => {
    const { id } = await createApiKey(target.db, { orgId: org.id, name: 'ci', createdBy: owner.id, now: new Date() });
    const listed = await call(`/api/orgs/${org.id}/api-keys`, admin.token);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { apiKeys: { id: string; prefix: string }[] };
    expect(body.apiKeys.map((k) => k.id)).toContain(id);
    expect(JSON.stringify(body)).not.toMatch(/key_hash|keyHash/);
    const refused = await call(`/api/orgs/${org.id}/api-keys`, member.token);
    expect([refused.status, await code(refused)]).toEqual([403, 'not_admin']);
  });

  it('an admin revokes one: it stops working at once, and both logs say who did it', async () => {
    const { id, key } = await createApiKey(target.db, { orgId: org.id, name: 'deploy bot', createdBy: owner.id, now: new Date() });
    const withKey = () => target.request(target.servers[0]!, `/api/orgs/${org.id}`, { headers: { 'x-api-key': key } });
    expect((await withKey()).status).toBe(200);

    const byMember = await call(`/api/orgs/${org.id}/api-keys/${id}`, member.token, 'DELETE');
    expect([byMember.status, await code(byMember)]).toEqual([403, 'not_admin']);
    const byOutsider = await call(`/api/orgs/${org.id}/api-keys/${id}`, outsider.token, 'DELETE');
    expect([byOutsider.status, await code(byOutsider)]).toEqual([404, 'org_not_found']);

    const revoked = await call(`/api/orgs/${org.id}/api-keys/${id}`, admin.token, 'DELETE');
    expect(revoked.status).toBe(204);
    expect((await withKey()).status).toBe(401);
    const again = await call(`/api/orgs/${org.id}/api-keys/${id}`, admin.token, 'DELETE');
    expect([again.status, await code(again)]).toEqual([404, 'api_key_not_found']);

    for (const table of [t.orgAuditLog, t.platformAuditLog]) {
      const [row] = await target.db
        .select()
        .from(table)
        .where(and(eq(table.organizationId, org.id), eq(table.action, 'org.api_key_revoked')));
      expect(row).toMatchObject({ actorUserId: admin.id, targetId: id });
    }
  });

  it("another org's key id is not found in this org", async () => {
    const [other] = await target.db.select({ id: t.organization.id }).from(t.organization).where(eq(t.organization.name, 'Outsider Org'));
    const { id } = await createApiKey(target.db, { orgId: other!.id, name: 'theirs', createdBy: outsider.id, now: new Date() });
    const res = await call(`/api/orgs/${org.id}/api-keys/${id}`, owner.token, 'DELETE');
    expect([res.status, await code(res)]).toEqual([404, 'api_key_not_found']);
    expect(await target.db.select().from(t.orgApiKey).where(eq(t.orgApiKey.id, id))).toHaveLength(1);
  });
});
