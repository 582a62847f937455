import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import type { Fixtures } from '../helpers/fixtures.js';

const bff = useTestBff();
let make: Fixtures;

beforeAll(async () => {
  make = bff.make;
});

const leave = (orgId: string, token: string, json: unknown = {}) => bff.request(`/api/orgs/${orgId}/leave`, { token, json });

async function memberRow(orgId: string, userId: string) {
  const [row] = await bff.database.writer.db
    .select()
    .from(t.member)
    .where(and(eq(t.member.organizationId, orgId), eq(t.member.userId, userId)));
  return row;
}

describe('POST /api/orgs/:orgId/leave', () => {
  it('L1: a member leaves at once (204), audited as member.left; their user and other orgs stay', async () => {
    const owner = await make.user('Owner');
    const leaver = await make.user('Leaver');
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: leaver.id, role: 'member' },
      ],
    });
    const other = await make.org({ members: [{ userId: leaver.id, role: 'owner' }] });
    const token = await bff.signIn(leaver.email);

    const res = await leave(org.id, token);
    expect(res.status).toBe(204);
    expect(await memberRow(org.id, leaver.id)).toBeUndefined();
    expect(await memberRow(other.id, leaver.id)).toBeDefined();
    const audit = await bff.database.writer.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    expect(audit.map((a) => [a.action, a.actorUserId, a.targetId, a.outcome])).toEqual([['member.left', leaver.id, leaver.id, 'success']]);
    // Afterwards the org is invisible to them: 404, not 403.
    expect(await errorCode(await bff.request(`/api/orgs/${org.id}/danger-zone`, { token }))).toBe('org_not_found');
    expect((await bff.request(`/api/orgs/${other.id}/danger-zone`, { token })).status).toBe(200);
  });

  it('L1: an admin may leave a read-only org', async () => {
    const owner = await make.user();
    const admin = await make.user();
    const org = await make.org({
      status: 'read_only',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: admin.id, role: 'admin' },
      ],
    });
    expect((await leave(org.id, await bff.signIn(admin.email))).status).toBe(204);
  });

  it('L2: an owner may leave while another owner remains', async () => {
    const a = await make.user();
    const b = await make.user();
    const org = await make.org({
      members: [
        { userId: a.id, role: 'owner' },
        { userId: b.id, role: 'owner' },
      ],
    });
    expect((await leave(org.id, await bff.signIn(a.email))).status).toBe(204);
    expect((await memberRow(org.id, b.id))?.role).toBe('owner');
  });

  it('L3: the only owner with members gets 409 sole_owner; alone, 409 sole_member; nothing changes', async () => {
    const owner = await make.user();
    const m = await make.user();
    const token = await bff.signIn(owner.email);
    const withMembers = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const alone = await make.org({ members: [{ userId: owner.id, role: 'owner' }] });

    const r1 = await leave(withMembers.id, token);
    expect([r1.status, await errorCode(r1)]).toEqual([409, 'sole_owner']);
    expect(((await r1.json()) as { error: { message: string } }).error.message).toBe('You are the only owner. Promote another member to Owner first.');
    const r2 = await leave(alone.id, token);
    expect([r2.status, await errorCode(r2)]).toEqual([409, 'sole_member']);
    expect(((await r2.json()) as { error: { message: string } }).error.message).toBe('You are the only member. Delete the organization instead.');
    expect(await memberRow(withMembers.id, owner.id)).toBeDefined();
    expect(await memberRow(alone.id, owner.id)).toBeDefined();
  });

  it('L3: a host-defined role list containing owner counts as an owner', async () => {
    const owner = await make.user();
    const m = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'admin, owner' },
        { userId: m.id, role: 'viewer' },
      ],
    });
    expect(await errorCode(await leave(org.id, await bff.signIn(owner.email)))).toBe('sole_owner');
    // "viewer" is not a role we know: it behaves as a member and may leave.
    expect((await leave(org.id, await bff.signIn(m.email))).status).toBe(204);
  });

  it('L4: hand-off promotes the successor and removes the caller in one step', async () => {
    const owner = await make.user();
    const successor = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: successor.id, role: 'member' },
      ],
    });
    const res = await leave(org.id, await bff.signIn(owner.email), { successorUserId: successor.id });
    expect(res.status).toBe(204);
    expect(await memberRow(org.id, owner.id)).toBeUndefined();
    expect((await memberRow(org.id, successor.id))?.role).toBe('owner');
    const actions = (await bff.database.writer.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id))).map((a) => a.action);
    expect(actions).toEqual(['member.promoted', 'member.left']);
  });

  it('L4: a successor who is not a member, the caller, or named by a non-owner is 400 invalid_successor and nothing changes', async () => {
    const owner = await make.user();
    const m = await make.user();
    const stranger = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const ownerToken = await bff.signIn(owner.email);
    for (const successorUserId of [stranger.id, owner.id, 'usr_doesNotExist']) {
      const res = await leave(org.id, ownerToken, { successorUserId });
      expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_successor']);
    }
    const res = await leave(org.id, await bff.signIn(m.email), { successorUserId: owner.id });
    expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_successor']);
    expect((await memberRow(org.id, owner.id))?.role).toBe('owner');
    expect((await memberRow(org.id, m.id))?.role).toBe('member');
  });

  it('L5: the leaver’s sessions that had this org active lose it; sessions on other orgs keep theirs', async () => {
    const owner = await make.user();
    const leaver = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: leaver.id, role: 'member' },
      ],
    });
    const other = await make.org({ members: [{ userId: leaver.id, role: 'owner' }] });
    const tokenA = await bff.signIn(leaver.email);
    const tokenB = await bff.signIn(leaver.email);
    const ownerToken = await bff.signIn(owner.email);
    const db = bff.database.writer.db;
    await db.update(t.session).set({ activeOrganizationId: org.id }).where(eq(t.session.token, tokenA));
    await db.update(t.session).set({ activeOrganizationId: other.id }).where(eq(t.session.token, tokenB));
    await db.update(t.session).set({ activeOrganizationId: org.id }).where(eq(t.session.token, ownerToken));

    expect((await leave(org.id, tokenA)).status).toBe(204);
    const active = async (token: string) => (await db.select().from(t.session).where(eq(t.session.token, token)))[0]?.activeOrganizationId;
    expect(await active(tokenA)).toBeNull();
    expect(await active(tokenB)).toBe(other.id);
    expect(await active(ownerToken)).toBe(org.id);
    // Still signed in: the session itself works.
    expect((await bff.request(`/api/orgs/${other.id}/danger-zone`, { token: tokenA })).status).toBe(200);
  });

  it('refuses a body that is not JSON, has extra fields or a malformed successor id (400, nothing changes)', async () => {
    const owner = await make.user();
    const m = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const token = await bff.signIn(m.email);
    const cases = [
      bff.request(`/api/orgs/${org.id}/leave`, { token, body: '{"successorUserId":', headers: { 'content-type': 'application/json' } }),
      bff.request(`/api/orgs/${org.id}/leave`, { token, body: 'successorUserId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      bff.request(`/api/orgs/${org.id}/leave`, { token, body: '{}', headers: { 'content-type': 'text/plain' } }),
      leave(org.id, token, { extra: true }),
      leave(org.id, token, { successorUserId: "x'; drop table member; --" }),
    ];
    for (const res of await Promise.all(cases)) expect([res.status, await errorCode(res)]).toEqual([400, 'invalid_request']);
    expect(await memberRow(org.id, m.id)).toBeDefined();
  });

  it('accepts an empty body (no content type) as "no successor"', async () => {
    const owner = await make.user();
    const m = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const res = await bff.request(`/api/orgs/${org.id}/leave`, { method: 'POST', token: await bff.signIn(m.email) });
    expect(res.status).toBe(204);
  });
});
