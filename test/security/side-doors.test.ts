/**
 * Issue 18.4 and 18.7: better-auth's own organization endpoints, called as the attacker would.
 * - A non-member learns nothing of a pending org from its slug (the answer is the one a slug that
 *   does not exist gets); an org API key's 423 carries no owner's email.
 * - While an org is pending deletion nothing changes it or its members through better-auth
 *   (rename, slug, removals, invitations), owners included, and the guard judges the org the
 *   endpoint acts on (the invitation's, for cancel-invitation), not the caller's active one.
 * - remove-member, whenever it succeeds, is audited and sends the `member.removed` webhook.
 *
 * A production start (no DEMO) with a webhook endpoint configured (so events are recorded; nothing
 * needs to receive them here). Everyone is made through better-auth's client.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { createApiKey } from '../../bff/orgs/api-keys.js';
import { authClients, TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { startTarget, type Target } from './target.js';

let target: Target;
let olga: UserClient; // owner of the pending org
let ada: UserClient; // admin there, and of another org she has active
let max: UserClient; // member there
let eve: UserClient; // a signed-in stranger with no org
let pending: { id: string; name: string; slug: string };
let invitationId = '';

const server = () => target.servers[0]!;
const auth = (path: string, user: UserClient, json?: unknown, method?: string) =>
  target.request(server(), `/api/auth${path}`, { token: user.token, json, ...(method ? { method } : {}) });
const code = async (res: Response) => ((await res.clone().json()) as { error?: { code?: string } }).error?.code;

beforeAll(async () => {
  target = await startTarget({ env: { WEBHOOK_URLS: 'http://127.0.0.1:9/hooks', WEBHOOK_SECRET: 'whsec_c2VjdXJpdHktc3VpdGUtd2ViaG9vay1zZWNyZXQ=' } });
  olga = await target.signUp('Olga Owner');
  ada = await target.signUp('Ada Admin');
  max = await target.signUp('Max Member');
  eve = await target.signUp('Eve Stranger');
  pending = await target.org(olga, 'Pending Org', [
    { user: ada, role: 'admin' },
    { user: max, role: 'member' },
  ]);
  const elsewhere = await target.org(ada, 'Ada Elsewhere');
  expect((await auth('/organization/set-active', ada, { organizationId: elsewhere.id })).status).toBe(200);
  invitationId = await authClients(server().url, fetch).invite(olga, pending.id, 'invitee@example.test');

  const intent = await target.request(server(), `/api/orgs/${pending.id}/deletion-intents`, { method: 'POST', token: olga.token });
  const { intentId } = (await intent.json()) as { intentId: string };
  const scheduled = await target.request(server(), `/api/orgs/${pending.id}/deletion`, {
    token: olga.token,
    json: { intentId, confirmName: pending.name, password: TEST_PASSWORD, acknowledgements: ['other_members'] },
  });
  expect(scheduled.status).toBe(202);
});
afterAll(async () => {
  await target?.stop();
});

describe('a non-member and a pending org (18.4)', () => {
  it("gets, for the org's slug, exactly what a slug that does not exist gets", async () => {
    for (const [path, json] of [
      ['/organization/invite-member', (slug: string) => ({ organizationSlug: slug, email: 'friend@example.test', role: 'member' })],
      ['/organization/get-full-organization?organizationSlug=', null],
      ['/organization/list-members?organizationSlug=', null],
    ] as const) {
      const ask = (slug: string) => (json ? auth(path, eve, json(slug)) : auth(`${path}${slug}`, eve, undefined, 'GET'));
      const real = await ask(pending.slug);
      const fake = await ask('no-such-org-slug-3b1f');
      const [realBody, fakeBody] = [await real.text(), await fake.text()];
      console.log(`[security] ${path}: ${real.status} ${realBody} | ${fake.status} ${fakeBody}`);
      expect([path, real.status, realBody]).toEqual([path, fake.status, fakeBody]);
      expect(realBody).not.toContain('olga');
      expect(realBody).not.toContain('purgeAt');
    }
  });

  it("an org API key's 423 says when, not whom to ask", async () => {
    const { key } = await createApiKey(target.db, { orgId: pending.id, name: 'ci', createdBy: olga.id, now: new Date() });
    const res = await target.request(server(), `/api/orgs/${pending.id}`, { headers: { 'x-api-key': key } });
    const body = (await res.json()) as { error: { code: string; purgeAt?: string; contacts?: unknown } };
    expect([res.status, body.error.code, typeof body.error.purgeAt]).toEqual([423, 'org_pending_deletion', 'string']);
    expect(body.error.contacts).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain(olga.email);
  });
});

describe('while pending, nothing changes the org or its members through better-auth (18.7)', () => {
  it('the owner can neither rename it, change its slug, nor remove a member: 423', async () => {
    for (const [path, json] of [
      ['/organization/update', { organizationId: pending.id, data: { name: 'Renamed Away' } }],
      ['/organization/update', { organizationId: pending.id, data: { slug: 'renamed-away' } }],
      ['/organization/remove-member', { organizationId: pending.id, memberIdOrEmail: max.email }],
      ['/organization/invite-member', { organizationId: pending.id, email: 'late@example.test', role: 'member' }],
    ] as const) {
      const res = await auth(path, olga, json);
      expect([path, res.status, await code(res)]).toEqual([path, 423, 'org_pending_deletion']);
    }
    const [org] = await target.db
      .select({ name: t.organization.name, slug: t.organization.slug })
      .from(t.organization)
      .where(eq(t.organization.id, pending.id));
    expect(org).toEqual({ name: 'Pending Org', slug: pending.slug });
    expect(await target.db.select().from(t.member).where(eq(t.member.organizationId, pending.id))).toHaveLength(3);
  });

  it("an admin whose active org is another cannot cancel the pending org's invitations: the guard judges the invitation's org", async () => {
    const res = await auth('/organization/cancel-invitation', ada, { invitationId });
    expect([res.status, await code(res)]).toEqual([423, 'org_pending_deletion']);
    const [row] = await target.db.select({ status: t.invitation.status }).from(t.invitation).where(eq(t.invitation.id, invitationId));
    expect(row?.status).toBe('pending');
  });
});

describe('remove-member, once the org is active again (18.7)', () => {
  it('is audited, sends member.removed, and the removed user no longer has the org active', async () => {
    expect((await target.request(server(), `/api/orgs/${pending.id}/deletion`, { method: 'DELETE', token: olga.token })).status).toBe(200);
    // Max's session that had the org active was signed out when the deletion was scheduled (D5).
    max = await authClients(server().url, fetch).signIn(max.email);
    expect((await auth('/organization/set-active', max, { organizationId: pending.id })).status).toBe(200);
    const removed = await auth('/organization/remove-member', olga, { organizationId: pending.id, memberIdOrEmail: max.email });
    expect(removed.status).toBe(200);

    const [audit] = await target.db
      .select()
      .from(t.orgAuditLog)
      .where(and(eq(t.orgAuditLog.organizationId, pending.id), eq(t.orgAuditLog.action, 'member.removed')));
    expect(audit).toMatchObject({ actorUserId: olga.id, targetId: max.id, actorLabel: `Olga Owner <${olga.email}>` });
    const events = await target.db
      .select({ payload: t.webhookEvent.payload })
      .from(t.webhookEvent)
      .where(and(eq(t.webhookEvent.organizationId, pending.id), eq(t.webhookEvent.type, 'member.removed')));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ type: 'member.removed', data: { userId: max.id, role: 'member', actor: { userId: olga.id } } });
    const sessions = await target.db.select({ active: t.session.activeOrganizationId }).from(t.session).where(eq(t.session.userId, max.id));
    expect(sessions.every((s) => s.active !== pending.id)).toBe(true);
  });
});
