/**
 * Issue 18.2, C2 and SPEC 8: a platform admin impersonating an org's owner may read the state and
 * cancel on our routes, and on better-auth's only read its session, read organizations, set the
 * active one and end the impersonation; it never sees another session's token. The admin's own
 * `list-user-sessions` answers no tokens, `set-user-password` is refused for an owner, and both
 * (and the impersonation itself) are audited in the member's orgs.
 *
 * A production start (no DEMO). The platform admin is made the way an operator does it: signed up
 * through better-auth, then given the role in the database (better-auth's admin plugin has no
 * front door for the first admin).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import type { UserClient } from '../helpers/auth-client.js';
import { startTarget, type Target } from './target.js';

let target: Target;
let owner: UserClient;
let member: UserClient;
let admin: UserClient;
let org: { id: string; name: string };
let impersonation = '';
/** Every body the impersonated session was answered: no session token of the owner's may be in one. */
const seenByImpersonator: string[] = [];

beforeAll(async () => {
  target = await startTarget();
  owner = await target.signUp('Olga Owner');
  member = await target.signUp('Mike Member');
  admin = await target.signUp('Pat Platform');
  org = await target.org(owner, 'Impersonated Org', [{ user: member, role: 'member' }]);
  await target.db.update(t.user).set({ role: 'admin' }).where(eq(t.user.id, admin.id));
  const res = await call('/api/auth/admin/impersonate-user', admin.token, { userId: owner.id });
  expect(res.status).toBe(200);
  impersonation = ((await res.json()) as { session: { token: string } }).session.token;
});
afterAll(async () => {
  await target?.stop();
});

function call(path: string, token: string, json?: unknown, method?: string) {
  return target.request(target.servers[0]!, path, { token, json, ...(method ? { method } : {}) });
}

async function asImpersonator(path: string, json?: unknown, method?: string) {
  const res = await call(path, impersonation, json, method);
  seenByImpersonator.push(await res.clone().text());
  return res;
}

const code = async (res: Response) => ((await res.clone().json()) as { error?: { code?: string } }).error?.code;

describe('an impersonated session on better-auth', () => {
  it("stop-impersonating without the admin's own session (a bearer impersonation): 400 saying what to do, never better-auth's 500", async () => {
    const res = await asImpersonator('/api/auth/admin/stop-impersonating', {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^The platform admin's own session is not with this request/);
    expect((await asImpersonator('/api/auth/get-session')).status).toBe(200);
  });

  it('reads its session and organizations and sets the active one', async () => {
    expect((await asImpersonator('/api/auth/get-session')).status).toBe(200);
    expect((await asImpersonator('/api/auth/organization/list')).status).toBe(200);
    expect((await asImpersonator(`/api/auth/organization/get-full-organization?organizationId=${org.id}`)).status).toBe(200);
    expect((await asImpersonator('/api/auth/organization/set-active', { organizationId: org.id })).status).toBe(200);
    expect((await asImpersonator('/api/auth/organization/list-members', undefined, 'GET')).status).toBe(200);
  });

  it('is refused everything else with 403 impersonation_scope: no session list, no token, no change to the user', async () => {
    const refused: [string, unknown?][] = [
      ['/api/auth/list-sessions'],
      ['/api/auth/update-user', { name: 'Taken Over' }],
      ['/api/auth/revoke-session', { token: owner.token }],
      ['/api/auth/revoke-other-sessions', {}],
      ['/api/auth/revoke-sessions', {}],
      ['/api/auth/change-email', { newEmail: 'attacker@example.test' }],
      ['/api/auth/change-password', { currentPassword: 'x', newPassword: 'y-y-y-y-y-y-y-y' }],
      ['/api/auth/organization/update', { organizationId: org.id, data: { name: 'Renamed' } }],
      ['/api/auth/organization/invite-member', { organizationId: org.id, email: 'friend@example.test', role: 'owner' }],
      ['/api/auth/organization/create', { name: 'Side Org', slug: `side-${Date.now()}` }],
    ];
    for (const [path, json] of refused) {
      const res = await asImpersonator(path, json, json === undefined ? 'GET' : undefined);
      expect([path, res.status, await code(res)]).toEqual([path, 403, 'impersonation_scope']);
    }
    const [row] = await target.db.select({ name: t.user.name, email: t.user.email }).from(t.user).where(eq(t.user.id, owner.id));
    expect(row).toEqual({ name: 'Olga Owner', email: owner.email });
    const sessions = await target.db.select({ token: t.session.token }).from(t.session).where(eq(t.session.userId, owner.id));
    expect(sessions.map((s) => s.token)).toContain(owner.token);
  });

  it('on our routes, reads the state and nothing more than C2 allows', async () => {
    expect((await asImpersonator(`/api/orgs/${org.id}/danger-zone`)).status).toBe(200);
    for (const [path, method] of [
      [`/api/orgs/${org.id}/exports/members.csv`, 'GET'],
      [`/api/orgs/${org.id}/deletion-intents`, 'POST'],
    ] as const) {
      const res = await asImpersonator(path, method === 'POST' ? {} : undefined, method);
      expect([path, res.status, await code(res)]).toEqual([path, 403, 'impersonation_scope']);
    }
  });

  it('never saw a session token but its own', () => {
    expect(seenByImpersonator.join('\n')).not.toContain(owner.token);
  });
});

describe("a platform admin's own endpoints on an org's members", () => {
  it('list-user-sessions answers without tokens, and is audited in the member’s org', async () => {
    const res = await call('/api/auth/admin/list-user-sessions', admin.token, { userId: owner.id });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sessions: Record<string, unknown>[] };
    expect(body.sessions.length).toBeGreaterThan(0);
    expect(body.sessions.every((s) => !('token' in s))).toBe(true);
    expect(JSON.stringify(body)).not.toContain(owner.token);
    expect(await auditActions(owner.id)).toContain('member.sessions_listed');
  });

  it("set-user-password is refused for an org's owner (403 admin_scope) and audited for another member", async () => {
    const refused = await call('/api/auth/admin/set-user-password', admin.token, { userId: owner.id, newPassword: 'admin-chosen-password-1' });
    expect([refused.status, await code(refused)]).toEqual([403, 'admin_scope']);
    const signIn = await target.request(target.servers[0]!, '/api/auth/sign-in/email', { json: { email: owner.email, password: 'admin-chosen-password-1' } });
    expect(signIn.status).toBe(401);

    const allowed = await call('/api/auth/admin/set-user-password', admin.token, { userId: member.id, newPassword: 'admin-chosen-password-2' });
    expect(allowed.status).toBe(200);
    expect(await auditActions(member.id)).toContain('member.password_set');
  });

  it('the impersonation itself is in the org’s audit log, naming the admin', async () => {
    const [row] = await target.db
      .select()
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, org.id), eq(t.orgAuditLog.action, 'member.impersonated')));
    expect(row).toMatchObject({ actorUserId: admin.id, targetId: owner.id, actorLabel: `Pat Platform <${admin.email}>` });
  });
});

describe("a platform admin's update-user on an org's owner", () => {
  it('cannot change where the owner receives a reset link (email, phone), so a password reset cannot take the account', async () => {
    for (const data of [
      { email: 'admin-box@example.test' },
      { email: 'admin-box@example.test', emailVerified: true },
      { emailVerified: false },
      { phoneNumber: '+15550100' },
    ]) {
      const res = await call('/api/auth/admin/update-user', admin.token, { userId: owner.id, data });
      expect([JSON.stringify(data), res.status, await code(res)]).toEqual([JSON.stringify(data), 403, 'admin_scope']);
    }
    const reset = await target.request(target.servers[0]!, '/api/auth/request-password-reset', { json: { email: 'admin-box@example.test' } });
    expect(reset.status).toBeLessThan(500);
    const [row] = await target.db.select({ email: t.user.email }).from(t.user).where(eq(t.user.id, owner.id));
    expect(row?.email).toBe(owner.email);
  });

  it("may rename them, audited in the owner's org; a member's email it may change, audited too", async () => {
    const renamed = await call('/api/auth/admin/update-user', admin.token, { userId: owner.id, data: { name: 'Olga Renamed' } });
    expect(renamed.status).toBe(200);
    expect(await auditActions(owner.id)).toContain('member.updated');
    const moved = await call('/api/auth/admin/update-user', admin.token, { userId: member.id, data: { email: `moved-${member.email}` } });
    expect(moved.status).toBe(200);
    const [entry] = await target.db
      .select({ details: t.orgAuditLog.details })
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, org.id), eq(t.orgAuditLog.targetId, member.id), eq(t.orgAuditLog.action, 'member.updated')));
    expect(JSON.stringify(entry?.details)).toContain('email');
  });

  it('cannot ban the last owner through update-user, as ban-user cannot (409 sole_owner)', async () => {
    const res = await call('/api/auth/admin/update-user', admin.token, { userId: owner.id, data: { banned: true } });
    expect([res.status, await code(res)]).toEqual([409, 'sole_owner']);
    const [row] = await target.db.select({ banned: t.user.banned }).from(t.user).where(eq(t.user.id, owner.id));
    expect(row?.banned).not.toBe(true);
  });
});

describe("a platform admin's ban and session revocation of an org member", () => {
  it('are audited in the member’s org, naming the admin', async () => {
    const revoked = await call('/api/auth/admin/revoke-user-sessions', admin.token, { userId: member.id });
    expect(revoked.status).toBe(200);
    const banned = await call('/api/auth/admin/ban-user', admin.token, { userId: member.id, banReason: 'test' });
    expect(banned.status).toBe(200);
    const unbanned = await call('/api/auth/admin/unban-user', admin.token, { userId: member.id });
    expect(unbanned.status).toBe(200);
    expect(await auditActions(member.id)).toEqual(expect.arrayContaining(['member.sessions_revoked', 'member.banned', 'member.unbanned']));
    const [row] = await target.db
      .select({ actor: t.orgAuditLog.actorUserId })
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, org.id), eq(t.orgAuditLog.action, 'member.banned')));
    expect(row?.actor).toBe(admin.id);
  });
});

async function auditActions(userId: string) {
  const rows = await target.db
    .select({ action: t.orgAuditLog.action })
    .from(t.orgAuditLog)
    .where(and(eq(t.orgAuditLog.organizationId, org.id), eq(t.orgAuditLog.targetId, userId)));
  return rows.map((r) => r.action);
}
