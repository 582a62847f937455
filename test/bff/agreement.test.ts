/**
 * The state endpoint and the write endpoints agree (SPEC 4.2): for every seeded org and every one
 * of its members, an action the state allows succeeds, and an action it refuses is refused with
 * the error its first reason names. A success changes the data, so the data set is reset after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrgs, demoUsers } from '../../bff/demo/data-set.js';
import { dangerZoneState, type DangerZoneState } from '../../shared/schemas.js';
import { createTestBff, errorCode, type TestBff } from '../helpers/bff.js';
import { scheduleDeletion } from '../helpers/deletion.js';

let bff: TestBff;
let ids: { users: Record<string, string>; orgs: Record<string, string> };

async function reset() {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
}

beforeAll(async () => {
  bff = await createTestBff();
  await reset();
});
afterAll(() => bff.dispose());

const expectedError: Record<string, string> = {
  sole_owner: 'sole_owner',
  sole_member: 'sole_member',
  not_owner: 'not_owner',
  already_pending: 'already_pending',
  read_only: 'deletion_blocked',
  has_active_resources: 'deletion_blocked',
  not_pending: 'not_pending',
  org_pending_deletion: 'org_pending_deletion',
};

type Action = 'leave' | 'delete' | 'cancelDeletion';

async function attempt(action: Action, orgKey: string, token: string, state: DangerZoneState) {
  const orgId = ids.orgs[orgKey]!;
  if (action === 'leave') return bff.request(`/api/orgs/${orgId}/leave`, { token, json: {} });
  if (action === 'cancelDeletion') return bff.request(`/api/orgs/${orgId}/deletion`, { method: 'DELETE', token });
  const org = demoOrgs.find((o) => o.key === orgKey)!;
  return scheduleDeletion(bff, { id: orgId, name: org.name }, token, state.actions.delete.warnings.map((w) => w.code));
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
