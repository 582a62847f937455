/** Role changes: owners only, never zero owners (also racing a leave), audited; better-auth's own refused. */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { isOwnerRole } from '../../bff/db/owner-role-sql.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import type { Fixtures } from '../helpers/fixtures.js';

const bff = useTestBff();
let make: Fixtures;
beforeAll(async () => {
  make = bff.make;
});

const setRole = (orgId: string, userId: string, role: string, token: string) =>
  bff.request(`/api/orgs/${orgId}/members/${userId}/role`, { token, json: { role } });

describe('POST /api/orgs/:orgId/members/:userId/role', () => {
  it('an owner promotes and demotes; audited as member.role_changed', async () => {
    const owner = await make.user();
    const m = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const token = await bff.signIn(owner.email);
    expect((await setRole(org.id, m.id, 'admin', token)).status).toBe(200);
    expect((await setRole(org.id, m.id, 'owner', token)).status).toBe(200);
    expect((await setRole(org.id, owner.id, 'member', token)).status).toBe(200);
    const log = await bff.database.writer.db.select().from(t.orgAuditLog).where(eq(t.orgAuditLog.organizationId, org.id));
    expect(log.map((l) => [l.action, JSON.parse(l.details!).to])).toEqual([
      ['member.role_changed', 'admin'],
      ['member.role_changed', 'owner'],
      ['member.role_changed', 'member'],
    ]);
  });

  it('refuses: the sole owner demoting themself (409), an admin (403), a non-member target (404), a bad role (400), while pending (423)', async () => {
    const owner = await make.user();
    const admin = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: admin.id, role: 'admin' },
      ],
    });
    const token = await bff.signIn(owner.email);
    const r1 = await setRole(org.id, owner.id, 'admin', token);
    expect([r1.status, await errorCode(r1)]).toEqual([409, 'sole_owner']);
    const r2 = await setRole(org.id, owner.id, 'member', await bff.signIn(admin.email));
    expect([r2.status, await errorCode(r2)]).toEqual([403, 'not_owner']);
    const r3 = await setRole(org.id, 'usr_nobody', 'admin', token);
    expect([r3.status, await errorCode(r3)]).toEqual([404, 'member_not_found']);
    const r4 = await setRole(org.id, admin.id, 'superuser', token);
    expect([r4.status, await errorCode(r4)]).toEqual([400, 'invalid_request']);
    const pending = await make.org({
      status: 'pending_deletion',
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: admin.id, role: 'admin' },
      ],
    });
    const r5 = await setRole(pending.id, admin.id, 'owner', token);
    expect([r5.status, await errorCode(r5)]).toEqual([423, 'org_pending_deletion']);
  });

  it("better-auth's update-member-role is refused in favour of this endpoint", async () => {
    const owner = await make.user();
    const m = await make.user();
    const org = await make.org({
      members: [
        { userId: owner.id, role: 'owner' },
        { userId: m.id, role: 'member' },
      ],
    });
    const res = await bff.request('/api/auth/organization/update-member-role', {
      token: await bff.signIn(owner.email),
      json: { organizationId: org.id, memberId: m.id, role: 'owner' },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('use_danger_zone');
  });

  it('a leave racing a self-demotion by the other owner: an owner always remains, 50 of 50 times', async () => {
    const a = await make.user();
    const b = await make.user();
    const [ta, tb] = await Promise.all([bff.signIn(a.email), bff.signIn(b.email)]);
    for (let i = 0; i < 50; i++) {
      const org = await make.org({
        members: [
          { userId: a.id, role: 'owner' },
          { userId: b.id, role: 'owner' },
        ],
      });
      const [leave, demote] = await Promise.all([bff.request(`/api/orgs/${org.id}/leave`, { token: ta, json: {} }), setRole(org.id, b.id, 'admin', tb)]);
      expect([leave.status, demote.status].filter((s) => s < 300)).toHaveLength(1);
      const owners = await bff.database.writer.db
        .select()
        .from(t.member)
        .where(and(eq(t.member.organizationId, org.id), isOwnerRole(t.member.role)));
      expect(owners).toHaveLength(1);
    }
  });
});
