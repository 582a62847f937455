/**
 * The state endpoint and the write endpoints agree (SPEC 4.2): for every seeded org and every one
 * of its members, an action the state allows succeeds, and an action it refuses is refused with
 * the error its first reason names. A success changes the data, so the data set is reset after it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tables as t } from '../helpers/tables.js';
import { demoOrgs, demoUsers } from '../../bff/demo/data-set.js';
import { dangerZoneState, type DangerZoneState } from '../../shared/schemas.js';
import { errorCode, useTestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';
import { createTestHost } from '../helpers/host-auth.js';

const bff = useTestBff();
let ids: { users: Record<string, string>; orgs: Record<string, string> };

async function reset() {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
}

beforeAll(reset);

const expectedError: Record<string, string> = {
  sole_owner: 'sole_owner',
  sole_member: 'sole_member',
  not_owner: 'not_owner',
  already_pending: 'already_pending',
  read_only: 'deletion_blocked',
  has_active_resources: 'deletion_blocked',
  not_pending: 'not_pending',
  org_pending_deletion: 'org_pending_deletion',
  reauth_required: 'reauth_required',
};

type Action = 'leave' | 'delete' | 'cancelDeletion';

async function attempt(action: Action, orgKey: string, token: string, state: DangerZoneState) {
  const orgId = ids.orgs[orgKey]!;
  if (action === 'leave') return bff.request(`/api/orgs/${orgId}/leave`, { token, json: {} });
  if (action === 'cancelDeletion') return bff.request(`/api/orgs/${orgId}/deletion`, { method: 'DELETE', token });
  const org = demoOrgs.find((o) => o.key === orgKey)!;
  return scheduleDeletion(
    bff,
    { id: orgId, name: org.name },
    token,
    state.actions.delete.warnings.map((w) => w.code),
  );
}

const cases = demoOrgs.flatMap((org) =>
  org.members.flatMap((m) => (['leave', 'delete', 'cancelDeletion'] as const).map((action) => ({ org, member: m, action }))),
);

describe('state and writes agree for every seeded org, member and action', () => {
  for (const { org, member, action } of cases) {
    it(`${org.key} / ${member.user} (${member.role}) / ${action}`, async () => {
      const email = demoUsers.find((u) => u.key === member.user)!.email;
      const token = await bff.signIn(email).catch(() => null);
      if (!token) {
        // D6: a member whose only org is pending cannot even sign in; nothing to compare.
        expect(org.status).toBe('pending_deletion');
        expect(member.role).not.toBe('owner');
        return;
      }
      const stateRes = await bff.request(`/api/orgs/${ids.orgs[org.key]}/danger-zone`, { token });
      if (stateRes.status === 423) {
        // A non-owner of a pending org: every write is refused with the same 423.
        const res = await attempt(action, org.key, token, {} as DangerZoneState);
        expect([res.status, await errorCode(res)]).toEqual([423, 'org_pending_deletion']);
        return;
      }
      const state = dangerZoneState.parse(await stateRes.json());
      const decision = state.actions[action];
      const res = await attempt(action, org.key, token, state);
      if (decision.allowed) {
        expect(res.status, await res.clone().text()).toBeLessThan(300);
        await reset();
      } else {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(await errorCode(res)).toBe(expectedError[decision.reasons[0]!.code]);
      }
    });
  }
});

/**
 * D4 without a password: a user with no credential account (signed in some other way: better-auth
 * has no such door configured here, so the session is written straight into the database) may
 * delete only within 5 minutes of signing in, and the state says which side of that line they are.
 */
describe('state and writes agree for a user without a password', () => {
  for (const [label, minutesAgo] of [
    ['a fresh sign-in', 1],
    ['a sign-in older than 5 minutes', 6],
  ] as const) {
    it(`the only owner, with ${label}: the state's delete decision is what the write does`, async () => {
      // A host whose better-auth offers this user nothing but D4's recent sign-in.
      const host = { ...bff, request: createTestHost(bff).request };
      const owner = await bff.make.user('No Password', { password: false });
      const org = await bff.make.org({ name: `Passwordless ${minutesAgo}`, members: [{ userId: owner.id, role: 'owner' }] });
      const token = `tok_${owner.id}`;
      const signedInAt = new Date(bff.clock.now().getTime() - minutesAgo * 60_000);
      await bff.database.writer.db.insert(t.session).values({
        id: `ses_${owner.id}`,
        token,
        userId: owner.id,
        expiresAt: new Date(Date.now() + 86400e3),
        createdAt: signedInAt,
        updatedAt: signedInAt,
      });
      const state = dangerZoneState.parse(await (await host.request(`/api/orgs/${org.id}/danger-zone`, { token })).json());
      expect(state.settings.passwordRequired).toBe(false);
      const res = await scheduleDeletion(
        host,
        org,
        token,
        state.actions.delete.warnings.map((w) => w.code),
      );
      if (state.actions.delete.allowed) {
        expect(res.status, await res.clone().text()).toBe(202);
      } else {
        expect(state.actions.delete.reasons.map((r) => r.code)).toEqual(['reauth_required']);
        expect([res.status, await errorCode(res)]).toEqual([401, 'reauth_required']);
      }
      expect(state.actions.delete.allowed).toBe(minutesAgo < 5);
    });
  }
});
