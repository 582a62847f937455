/**
 * No path leaves an org with no owner (issue 21, part 3), through better-auth's own endpoints as a
 * host's front end or a platform admin calls them: `remove-member` of the last owner, an account
 * deleted (`delete-user`, `admin/remove-user`) or banned (`admin/ban-user`) while its user is an
 * org's last owner. Each is refused with L3's reason, nothing is lost, and two removals racing each
 * other through any mix of our endpoints and better-auth's never leave zero owners.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rows } from '../../bff/db/batch.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOwnerRole } from '../../bff/db/owner-role-sql.js';
import { tables as t } from '../helpers/tables.js';
import type { DangerZoneState } from '../../shared/schemas.js';
import { TEST_PASSWORD, type UserClient } from '../helpers/auth-client.js';
import { useTestBff } from '../helpers/bff.js';
import { failure } from '../helpers/failure.js';
import { createTestHost, type TestHost } from '../helpers/host-auth.js';

const bff = useTestBff();
let host: TestHost;
beforeAll(() => {
  host = createTestHost(bff, { user: { deleteUser: { enabled: true } } });
});

interface AuthAnswer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  organizations: { id: string; name: string }[] | undefined;
}

async function call(path: string, token: string, json: unknown): Promise<AuthAnswer> {
  const res = await host.request(`/api/auth${path}`, { token, json });
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; organizations?: AuthAnswer['organizations'] };
  return { status: res.status, code: body.code, message: body.message, organizations: body.organizations };
}

/** An org made through better-auth's client: its creator owns it, the others joined by invitation. */
async function orgWith(name: string, owner: UserClient, others: { user: UserClient; role: 'member' | 'admin' | 'owner' }[] = []) {
  const org = await host.users.createOrg(owner, name);
  for (const { user, role } of others) await host.users.accept(user, await host.users.invite(owner, org.id, user.email, role));
  return org;
}

const ownersOf = async (orgId: string) =>
  (
    await bff.database.writer.db
      .select({ userId: t.member.userId })
      .from(t.member)
      .where(and(eq(t.member.organizationId, orgId), isOwnerRole(t.member.role)))
  ).map((m) => m.userId);

const memberId = async (orgId: string, userId: string) =>
  (
    await bff.database.writer.db
      .select({ id: t.member.id })
      .from(t.member)
      .where(and(eq(t.member.organizationId, orgId), eq(t.member.userId, userId)))
  )[0]!.id;

async function platformAdmin(): Promise<UserClient> {
  const root = await host.users.signUp('Root Admin');
  // There is no front door to the first platform admin: a host sets the role in its database.
  await bff.database.writer.db.update(t.user).set({ role: 'admin' }).where(eq(t.user.id, root.id));
  return root;
}

describe("better-auth's remove-member", () => {
  it('refuses the last owner (409 sole_owner, L3) and keeps them; removes an owner while another remains', async () => {
    const owner = await host.users.signUp('Olive Owner');
    const member = await host.users.signUp('Milo Member');
    const org = await orgWith('Remove Co', owner, [{ user: member, role: 'member' }]);

    // A member or a stranger asking gets better-auth's own answer: nothing about the org's owners.
    const byMember = await call('/organization/remove-member', member.token, { organizationId: org.id, memberIdOrEmail: owner.email });
    const stranger = await host.users.signUp('Sly Stranger');
    const byStranger = await call('/organization/remove-member', stranger.token, { organizationId: org.id, memberIdOrEmail: owner.email });
    expect([byMember.status, byMember.organizations, byStranger.status, byStranger.organizations]).toEqual([400, undefined, 400, undefined]);

    const refused = await call('/organization/remove-member', owner.token, { organizationId: org.id, memberIdOrEmail: owner.email });
    expect([refused.status, refused.code]).toEqual([409, 'sole_owner']);
    expect(refused.message).toBe('You are the only owner of “Remove Co”. Promote another member to Owner first.');
    expect(await ownersOf(org.id)).toEqual([owner.id]);

    const promoted = await host.request(`/api/orgs/${org.id}/members/${member.id}/role`, { token: owner.token, json: { role: 'owner' } });
    expect(promoted.status).toBe(200);
    const removed = await call('/organization/remove-member', owner.token, { organizationId: org.id, memberIdOrEmail: await memberId(org.id, owner.id) });
    expect(removed.status).toBe(200);
    expect(await ownersOf(org.id)).toEqual([member.id]);
  });

  it('two owners removing each other at once: one wins, the other is refused (never a 500), 30 of 30 times', async () => {
    const a = await host.users.signUp('Ann Racer');
    const b = await host.users.signUp('Bob Racer');
    for (let i = 0; i < 30; i++) {
      const org = await orgWith(`Race ${i}`, a, [{ user: b, role: 'owner' }]);
      const [ma, mb] = await Promise.all([memberId(org.id, a.id), memberId(org.id, b.id)]);
      const answers = await Promise.all([
        call('/organization/remove-member', a.token, { organizationId: org.id, memberIdOrEmail: mb }),
        call('/organization/remove-member', b.token, { organizationId: org.id, memberIdOrEmail: ma }),
      ]);
      // The loser is told why: the last owner may not go (409 sole_owner: our check, or the
      // database's), or, when the winner's write came first, better-auth's own answers (its own
      // owner count, or that the loser is no longer a member: the danger zone's guard answers a
      // non-member what an org that does not exist gets, issue 18.4).
      const loser = answers.find((r) => r.status !== 200);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect([
        [409, 'sole_owner'],
        // The winner's write committed while the loser's check read: the target is then alone in the org.
        [409, 'sole_member'],
        // The winner's removal of the loser committed before better-auth looked the loser up.
        [400, 'ORGANIZATION_NOT_FOUND'],
        [400, 'YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER'],
        [400, 'MEMBER_NOT_FOUND'],
        [400, 'ORGANIZATION_NOT_FOUND'],
      ]).toContainEqual([loser?.status, loser?.code]);
      expect(await ownersOf(org.id)).toHaveLength(1);
    }
  });
});

describe('an account deleted or banned while its user is the last owner', () => {
  it('delete-user: refused for the only owner (sole_owner) and the only member (sole_member), naming the orgs; nothing is lost', async () => {
    const owner = await host.users.signUp('Dora Deleter');
    const member = await host.users.signUp('Mo Member');
    const shared = await orgWith('Shared Co', owner, [{ user: member, role: 'member' }]);
    const alone = await orgWith('Solo Co', owner);

    const refused = await call('/delete-user', owner.token, { password: TEST_PASSWORD });
    expect([refused.status, refused.code]).toEqual([409, 'sole_owner']);
    expect(refused.message).toBe(
      'You are the only owner of “Shared Co”. Promote another member to Owner first. You are the only member of “Solo Co”. Delete the organization instead.',
    );
    expect(refused.organizations?.map((o) => o.id).sort()).toEqual([shared.id, alone.id].sort());
    // Nothing was lost: the account still signs in with its password, both orgs keep their owner.
    await host.users.signIn(owner.email);
    expect([await ownersOf(shared.id), await ownersOf(alone.id)]).toEqual([[owner.id], [owner.id]]);
    expect((await call('/delete-user', owner.token, { password: TEST_PASSWORD })).code).toBe('sole_owner');

    // Once every org has another owner (or is gone), the account may go.
    expect((await host.request(`/api/orgs/${shared.id}/members/${member.id}/role`, { token: owner.token, json: { role: 'owner' } })).status).toBe(200);
    const stillAlone = await call('/delete-user', owner.token, { password: TEST_PASSWORD });
    expect([stillAlone.status, stillAlone.code, stillAlone.organizations?.map((o) => o.id)]).toEqual([409, 'sole_member', [alone.id]]);
    await bff.database.writer.db.delete(t.organization).where(eq(t.organization.id, alone.id));
    expect((await call('/delete-user', owner.token, { password: TEST_PASSWORD })).status).toBe(200);
    expect(await ownersOf(shared.id)).toEqual([member.id]);
    expect(await bff.database.writer.db.select().from(t.ownerDeparture).where(eq(t.ownerDeparture.userId, owner.id))).toEqual([]);
  });

  it('admin/remove-user and admin/ban-user: refused for a sole owner (third person); allowed once another owner can act', async () => {
    const root = await platformAdmin();
    const owner = await host.users.signUp('Sam Sole');
    const member = await host.users.signUp('Max Member');
    const org = await orgWith('Admin Co', owner, [{ user: member, role: 'admin' }]);

    const removal = await call('/admin/remove-user', root.token, { userId: owner.id });
    expect([removal.status, removal.code, removal.message]).toEqual([
      409,
      'sole_owner',
      'This user is the only owner of “Admin Co”: promote another member to Owner first.',
    ]);
    const ban = await call('/admin/ban-user', root.token, { userId: owner.id });
    expect([ban.status, ban.code]).toEqual([409, 'sole_owner']);
    const [kept] = await bff.database.writer.db.select({ banned: t.user.banned }).from(t.user).where(eq(t.user.id, owner.id));
    expect(kept?.banned).toBe(false);
    await host.users.signIn(owner.email);

    // A co-owner: the ban goes through. A banned owner cannot act for the org, so the co-owner is now
    // its last owner who can: the state says so, and they may not leave or step down.
    expect((await host.request(`/api/orgs/${org.id}/members/${member.id}/role`, { token: owner.token, json: { role: 'owner' } })).status).toBe(200);
    expect((await call('/admin/ban-user', root.token, { userId: owner.id })).status).toBe(200);
    const state = (await (await host.request(`/api/orgs/${org.id}/danger-zone`, { token: member.token })).json()) as DangerZoneState;
    expect([state.impact.owners, state.actions.leave.reasons.map((r) => r.code)]).toEqual([1, ['sole_owner']]);
    const leave = await host.request(`/api/orgs/${org.id}/leave`, { token: member.token, json: {} });
    expect(leave.status).toBe(409);
    expect((await call('/admin/remove-user', root.token, { userId: member.id })).code).toBe('sole_owner');
  });

  it("an admin removing one owner's account while the other owner leaves: an owner always remains, 20 of 20 times", async () => {
    const root = await platformAdmin();
    for (let i = 0; i < 20; i++) {
      const a = await host.users.signUp(`Ada ${i}`);
      const b = await host.users.signUp(`Ben ${i}`);
      const org = await orgWith(`Mixed ${i}`, a, [{ user: b, role: 'owner' }]);
      const [removal, leave] = await Promise.all([
        call('/admin/remove-user', root.token, { userId: a.id }),
        host.request(`/api/orgs/${org.id}/leave`, { token: b.token, json: {} }),
      ]);
      expect([removal.status, leave.status].filter((s) => s < 300)).toHaveLength(1);
      expect([removal.status, leave.status]).not.toContain(500);
      expect(await ownersOf(org.id)).toHaveLength(1);
    }
  });
});

describe("the database's own guard", () => {
  it("refuses any write that takes an org's last owner away, whoever makes it; an org's own deletion takes its members along", async () => {
    const owner = await host.users.signUp('Gail Guarded');
    const member = await host.users.signUp('Gus Member');
    const org = await orgWith('Guarded Co', owner, [{ user: member, role: 'member' }]);
    // Raw statements, outside any check of ours, as a host's own code would write.
    const db = bff.database.writer.db;
    const lastOwner = /last owner/;
    expect(await failure(rows(db, sql`delete from member where organization_id = ${org.id} and user_id = ${owner.id}`))).toMatch(lastOwner);
    expect(await failure(rows(db, sql`update member set role = 'admin' where organization_id = ${org.id} and user_id = ${owner.id}`))).toMatch(lastOwner);
    expect(await failure(rows(db, sql`delete from "user" where id = ${owner.id}`))).toMatch(lastOwner);
    expect(await ownersOf(org.id)).toEqual([owner.id]);
    await rows(db, sql`delete from organization where id = ${org.id}`);
    expect(await bff.database.writer.db.select().from(t.member).where(eq(t.member.organizationId, org.id))).toEqual([]);
  });
});
